#!/usr/bin/env python3
"""Build the leaflets in this repository (itself a project folder) into build/
(see README.md, or --help). Installed, the same tool is the `leaflet` command,
which works on the folder it is run in."""
from pathlib import Path

from leaflet.cli import run

if __name__ == "__main__":
    run(project=Path(__file__).resolve().parent, prog="generate.py")
