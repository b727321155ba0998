"""Folded A5 information leaflets from YAML, in English and community languages.

Data flows one way: content -> catalogs -> text/typeset -> export.
"""
__version__ = "0.1.0"

from . import deferred

deferred.install()  # before anything imports ReportLab's platypus (see leaflet/deferred.py)
