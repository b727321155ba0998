"""Fonts: the script -> family table in fonts/fonts.yaml, loaded lazily.

A `Face` pairs the ReportLab TTFont (which subsets and embeds) with a HarfBuzz
font (which shapes). Faces are process-wide and read-only after loading,
except for the glyph -> PDF code map, which is deterministic (see `code_for`).
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import uharfbuzz as hb
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase import ttfonts
from reportlab.pdfbase.ttfonts import TTFont

from . import source
from .errors import LeafletError

FONTS = Path(__file__).resolve().parent.parent / "fonts"
STYLES = ("regular", "bold", "italic", "bold_italic")
PUA_START, PUA_END = 0xE000, 0xF8FF
# Text of glyphs that only shaping reaches: (PostScript name, PDF code) -> text.
TO_UNICODE: dict[tuple[str, int], str] = {}
_reportlab_cmap = ttfonts.makeToUnicodeCMap


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """ReportLab's ToUnicode CMap, with ligatures, conjuncts and joining forms
    mapped to the characters they stand for instead of their private-use codes."""
    face_name = fontname.split("+", 1)[-1]
    cmap = _reportlab_cmap(fontname, subset)
    for i, code in enumerate(subset):
        text = TO_UNICODE.get((face_name, code))
        if text:
            cmap = cmap.replace("<%02X> <%04X>" % (i, code), "<%02X> <%s>" % (i, text.encode("utf-16-be").hex().upper()))
    return cmap


ttfonts.makeToUnicodeCMap = _to_unicode_cmap


@dataclass(frozen=True)
class Family:
    name: str
    scripts: tuple[str, ...]
    languages: tuple[str, ...]
    files: dict  # style -> file name

    def file(self, bold: bool, italic: bool) -> str:
        # Scripts without italics are set upright; no fake slanting.
        wanted = ("bold_italic", "bold", "regular") if bold and italic else \
            ("bold", "regular") if bold else ("italic", "regular") if italic else ("regular",)
        return next(self.files[s] for s in wanted if s in self.files)

    def speaks(self, language: str) -> bool:
        return any(language == lang or language.startswith(lang + "-") for lang in self.languages)


@dataclass(eq=False)
class Face:
    """One font file, ready to shape (HarfBuzz) and to draw (ReportLab)."""

    name: str
    path: Path
    family: str
    ttf: TTFont
    hb_font: hb.Font
    upem: int
    ascender: float  # in ems
    descender: float  # in ems, positive below the baseline
    cmap: frozenset = field(repr=False)

    def has(self, char: str) -> bool:
        return ord(char) in self.cmap

    def code_for(self, gid: int, text: str | None = None) -> int:
        """The character code ReportLab writes for glyph `gid`.

        A glyph the cmap reaches uses its character. Glyphs only shaping
        reaches (ligatures, conjuncts, joining forms) get a private-use code
        derived from the glyph id, so the same input gives the same PDF bytes
        whatever was built before it in this process; `text` (the characters
        the glyph stands for) goes into the ToUnicode map for that code.
        """
        face = self.ttf.face
        real = [c for c in face.glyphToChar.get(gid, ()) if not PUA_START <= c <= PUA_END]
        if real and text is None:
            return real[0]
        for c in real:
            if chr(c) == text:
                return c
        # The cmap's character is not what the glyph stands for here: a ligature
        # (U+FB02 for "fl") or an Arabic presentation form. Say the real text.
        code = PUA_START + gid % (PUA_END - PUA_START)
        while face.charToGlyph.get(code, gid) != gid:
            code += 1
        if code not in face.charToGlyph:
            face.charToGlyph[code] = gid
            face.glyphToChar.setdefault(gid, []).append(code)
            face.charWidths[code] = face.hmetrics[gid][0] * 1000 / self.upem
        if text and (self.psname, code) not in TO_UNICODE:
            TO_UNICODE[(self.psname, code)] = text
        return code

    def text_of(self, code: int) -> str:
        """What ToUnicode says code `code` is."""
        return TO_UNICODE.get((self.psname, code), chr(code))

    @property
    def psname(self) -> str:
        return self.ttf.face.name.decode("latin-1")


@lru_cache(maxsize=1)
def families() -> tuple[Family, ...]:
    root = source.load(FONTS / "fonts.yaml", display="fonts/fonts.yaml")
    out = []
    for node in root.mapping(("families",))["families"].items():
        m = node.mapping(("name", "scripts", "regular"), ("languages", "bold", "italic", "bold_italic"))
        files = {s: m[s].text() for s in STYLES if s in m}
        out.append(Family(m["name"].text(), tuple(n.text() for n in m["scripts"].items()),
                          tuple(n.text() for n in m["languages"].items()) if "languages" in m else (), files))
    return tuple(out)


def family_for(script: str, language: str) -> Family | None:
    """The family that sets `script` in an edition in `language`."""
    serving = [f for f in families() if script in f.scripts]
    for test in (lambda f: f.speaks(language), lambda f: not f.languages, lambda f: True):
        for f in serving:
            if test(f):
                return f
    return None


_faces: dict[str, Face] = {}


def face(file_name: str) -> Face:
    cached = _faces.get(file_name)
    if cached:
        return cached
    path = FONTS / file_name
    if not path.exists():
        raise LeafletError(f"font file fonts/{file_name} listed in fonts/fonts.yaml is missing")
    name = "leaflet-" + path.stem
    ttf = TTFont(name, str(path), asciiReadable=False, shapable=False)
    pdfmetrics.registerFont(ttf)
    hb_face = hb.Face(hb.Blob.from_file_path(str(path)))
    hb_font = hb.Font(hb_face)
    extents = hb_font.get_font_extents("ltr")
    upem = hb_face.upem
    family = next((f.name for f in families() if file_name in f.files.values()), path.stem)
    result = Face(name, path, family, ttf, hb_font, upem, extents.ascender / upem, -extents.descender / upem,
                  frozenset(ttf.face.charToGlyph))
    _faces[file_name] = result
    return result


def is_invisible(char: str) -> bool:
    """Characters that draw nothing and need no glyph (ZWJ, ZWNJ, marks of direction)."""
    return unicodedata.category(char) == "Cf" or char in "\n\t"


def describe(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, 'unnamed character')}"


__all__ = ["Face", "Family", "LeafletError", "describe", "face", "families", "family_for"]
