"""One slow step of ReportLab's start-up, deferred until it is needed.

`reportlab.platypus` loads ReportLab's own Paragraph (its document template
imports it for a demonstration), and that module compiles, as it is imported,
a case-insensitive URL pattern spanning most of the Basic Multilingual Plane:
about 25 ms, a tenth of a one-edition build. Only ReportLab's Paragraph uses
it, to break URLs, and a leaflet never sets one (leaflet.text sets every
line). So while that one module runs, a pattern that long compiled by its own
code becomes a stand-in that compiles it when first used, to the same pattern.
Installed by `leaflet/__init__.py`; without it, ReportLab loads as it always has.
"""
from __future__ import annotations

import importlib.machinery
import re
import sys

MODULE = "reportlab.platypus.paragraph"
LONG = 200  # characters: its URL pattern has 316; every other pattern it compiles, under 50


class Pattern:
    """`re.compile(pattern, flags)`, made when an attribute is first asked for."""

    def __init__(self, compile, pattern: str, flags: int):
        self._compile, self._args, self._compiled = compile, (pattern, flags), None

    def __getattr__(self, name: str):
        if self._compiled is None:
            self._compiled = self._compile(*self._args)
        return getattr(self._compiled, name)


class _Loader:  # the import system's loader protocol (importlib.abc would cost a start-up its own imports)
    def __init__(self, loader):
        self.loader = loader

    def create_module(self, spec):
        return self.loader.create_module(spec)

    def exec_module(self, module) -> None:
        real = re.compile

        def compile(pattern, flags=0):
            if isinstance(pattern, str) and len(pattern) > LONG and \
                    sys._getframe(1).f_globals.get("__name__") == MODULE:  # that module's own code only
                return Pattern(real, pattern, flags)
            return real(pattern, flags)

        re.compile = compile
        try:
            self.loader.exec_module(module)
        finally:
            re.compile = real


class _Finder:
    def find_spec(self, name, path, target=None):
        if name != MODULE:
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path, target)
        if spec is not None and hasattr(spec.loader, "exec_module"):
            spec.loader = _Loader(spec.loader)
        return spec


def install() -> None:
    if MODULE not in sys.modules and not any(isinstance(f, _Finder) for f in sys.meta_path):
        sys.meta_path.insert(0, _Finder())
