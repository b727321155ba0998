"""fonts/fonts.yaml: which family sets which scripts (and, for some, which
languages), its files, and its optical scale.

Only the table, no font file: the plan reads it in the process that reads the
content, and the one that typesets gets it from there (`fonts.given`).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import source
from .errors import LeafletError

STYLES = ("regular", "bold", "italic", "bold_italic")
# Never under 1: a layout's minimum size (large print's 16 pt) holds for every
# script. Over 1.5 is a typing mistake, not an optical correction.
SCALES = (1.0, 1.5)


@dataclass(frozen=True)
class Family:
    name: str
    scripts: tuple[str, ...]
    languages: tuple[str, ...]
    files: dict  # style -> file name
    scale: float = 1.0  # optical size: the family is set at scale x the run's size (fonts.yaml)

    def file(self, bold: bool, italic: bool) -> str:
        # Scripts without italics are set upright; no fake slanting.
        wanted = ("bold_italic", "bold", "regular") if bold and italic else \
            ("bold", "regular") if bold else ("italic", "regular") if italic else ("regular",)
        return next(self.files[s] for s in wanted if s in self.files)

    def speaks(self, language: str) -> bool:
        return any(language == lang or language.startswith(lang + "-") for lang in self.languages)


def find(dirs: tuple[Path, ...], name: str) -> Path | None:
    """`name` in the first of `dirs` that has it."""
    return next((Path(d) / name for d in dirs if (Path(d) / name).is_file()), None)


def read(dirs: tuple[Path, ...]) -> tuple[Family, ...]:
    """The table of the first of `dirs` that has a fonts.yaml."""
    table = find(dirs, "fonts.yaml")
    if table is None:
        raise LeafletError("fonts/fonts.yaml is missing (in the project and in the package)")
    root = source.load(table, display="fonts/fonts.yaml")
    out = []
    for node in root.mapping(("families",))["families"].items():
        m = node.mapping(("name", "scripts", "regular"), ("languages", "bold", "italic", "bold_italic", "scale"))
        files = {s: m[s].text() for s in STYLES if s in m}
        out.append(Family(m["name"].text(), tuple(n.text() for n in m["scripts"].items()),
                          tuple(n.text() for n in m["languages"].items()) if "languages" in m else (), files,
                          _scale(m["scale"]) if "scale" in m else 1.0))
    return tuple(out)


def _scale(node) -> float:
    value = node.number()
    if not SCALES[0] <= value <= SCALES[1]:
        raise node.error(f"must be from {SCALES[0]:g} to {SCALES[1]:g} (a factor on the edition's size; "
                         f"under 1 would set text below the layout's minimum), got {value:g}")
    return value
