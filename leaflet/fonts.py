"""Fonts: the script -> family table in fonts/fonts.yaml, loaded lazily.

A `Face` pairs the ReportLab TTFont (which subsets and embeds) with a HarfBuzz
font (which shapes). Faces are process-wide and read-only after loading,
except for the glyph -> PDF code map, which is deterministic (see `code_for`).
"""
from __future__ import annotations

import unicodedata
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MethodType

import uharfbuzz as hb
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase import ttfonts
from reportlab.pdfbase.ttfonts import TTFont

from . import fontfile, fonttable
from .errors import LeafletError
from .fonttable import SCALES, STYLES, Family  # noqa: F401 (part of this module's interface)

FONTS = Path(__file__).resolve().parent / "data" / "fonts"  # the shipped defaults
# Where fonts.yaml and font files are looked up, first match wins. Faces are
# process-wide (the text engine asks for them by file name), so the folders are
# too: the build sets them from its project with `use` before typesetting.
_dirs: tuple[Path, ...] = (FONTS,)
PUA_START, PUA_END = 0xE000, 0xF8FF
# Codes for glyphs that only shaping reaches live in the supplementary private
# use planes (15 and 16): room for every glyph of every font, each with several texts.
CODE_START, CODE_SPAN = 0xF0000, 0x1FFFE
# Text of glyphs that only shaping reaches: (PostScript name, PDF code) -> text.
TO_UNICODE: dict[tuple[str, int], str] = {}
# A glyph that stands for no character of its own (the second part of a split
# vowel, Nastaliq's dots): drawn inside /ActualText, so this is never the text
# a reader gets; it only has to be a real, harmless character (PDF/UA 7.21.7).
NOTHING = "\u200d"


def to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """The ToUnicode CMap of one 256-code subset: every code the subset uses,
    mapped to the text it stands for. Code 0 (ReportLab's .notdef filler) is
    never drawn and not mapped: PDF/UA forbids a mapping to U+0000."""
    face_name = fontname.split("+", 1)[-1]
    pairs = [(i, TO_UNICODE.get((face_name, code), chr(code))) for i, code in enumerate(subset) if code]
    out = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
           "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
           "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def",
           "1 begincodespacerange", "<00> <FF>", "endcodespacerange"]
    for n in range(0, len(pairs), 100):  # at most 100 entries per block
        block = pairs[n:n + 100]
        out.append(f"{len(block)} beginbfchar")
        out += [f"<{i:02X}> <{text.encode('utf-16-be').hex().upper()}>" for i, text in block]
        out.append("endbfchar")
    out += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(out)


ttfonts.makeToUnicodeCMap = to_unicode_cmap


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
    scale: float = 1.0  # its family's optical scale: glyphs are drawn and measured at scale x size
    _codes: dict = field(default_factory=dict, repr=False)  # (gid, text) -> private code

    def has(self, char: str) -> bool:
        return ord(char) in self.cmap

    def code_for(self, gid: int, text: str | None = None) -> int:
        """The character code ReportLab writes for glyph `gid` standing for `text`.

        A glyph the cmap reaches for exactly `text` uses that character. Any
        other (ligatures, conjuncts, joining forms, a glyph standing for no
        character) gets a private code of its own per (glyph, text), so that the
        ToUnicode map can say what each drawn glyph reads as. The code is
        derived from the glyph id and the text, so the same input gives the
        same PDF bytes whatever was built before it in this process.
        """
        face = self.ttf.face
        if not text:  # only a glyph drawn without its text needs the glyph -> characters map
            real = [c for c in face.glyphToChar.get(gid, ()) if not _private(c)]
            if text is None and real:
                return real[0]
            text = chr(real[0]) if real else NOTHING
        elif len(text) == 1 and not _private(ord(text)) and fontfile.maps(face, ord(text), gid):
            return ord(text)
        codes = self._codes
        code = codes.get((gid, text))
        if code is not None:
            return code
        slot = ((gid << 5) | (zlib.crc32(text.encode("utf-8")) & 31)) % CODE_SPAN
        while True:
            code = CODE_START + slot
            if code not in face.charToGlyph and (self.psname, code) not in TO_UNICODE:
                break
            slot = (slot + 1) % CODE_SPAN
        face.charToGlyph[code] = gid  # glyphToChar is left alone: only the font's own characters matter there
        face.charWidths[code] = face.hmetrics[gid][0] * 1000 / self.upem
        TO_UNICODE[(self.psname, code)] = text
        codes[(gid, text)] = code
        return code

    def text_of(self, code: int) -> str:
        """What ToUnicode says code `code` is."""
        return TO_UNICODE.get((self.psname, code), chr(code))

    @property
    def psname(self) -> str:
        return self.ttf.face.name.decode("latin-1")


_on_change: list = []


def on_change(clear):
    """Register `clear()`, called when `use` changes the fonts: the text
    engine's caches hold faces, which another project's fonts may replace."""
    _on_change.append(clear)
    return clear


def use(dirs: tuple[Path, ...]) -> None:
    """Look fonts up in `dirs` (a project's fonts/ first, then the shipped ones)."""
    global _dirs
    dirs = tuple(Path(d) for d in dirs)
    if dirs != _dirs:
        _dirs = dirs
        families.cache_clear()
        for clear in _on_change:
            clear()
        for name, known in list(_faces.items()):  # a face stays loaded while its file is the one found
            found = _find(name)                   # (ReportLab refuses two faces of one name in a document)
            if found is None or found.resolve() != Path(known.path).resolve():  # the same file by another path
                del _faces[name]


def _find(name: str) -> Path | None:
    return fonttable.find(_dirs, name)


_given: tuple[tuple[Path, ...], tuple[Family, ...]] | None = None


def given(dirs: tuple[Path, ...], table: tuple[Family, ...]) -> None:
    """`use(dirs)`, with their fonts.yaml already read (`fonttable.read`, in
    the build's second process): this one then need not load a YAML parser."""
    global _given
    use(dirs)
    _given = (_dirs, table)
    families.cache_clear()


@lru_cache(maxsize=1)
def families() -> tuple[Family, ...]:
    out = _given[1] if _given is not None and _given[0] == _dirs else fonttable.read(_dirs)
    for file_name, known in _faces.items():  # a face kept across `use` takes this table's scale (the
        known.scale = next((f.scale for f in out if file_name in f.files.values()), 1.0)  # caches were cleared)
    return out


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
    path = _find(file_name)
    if path is None:
        raise LeafletError(f"font file fonts/{file_name} listed in fonts/fonts.yaml is missing")
    name = "leaflet-" + path.stem
    ttf = TTFont(name, str(path), asciiReadable=False, shapable=False)  # fontfile's bulk parse
    ttf.face.makeSubset = MethodType(fontfile.lean_subset, ttf.face)
    pdfmetrics.registerFont(ttf)
    hb_face = hb.Face(hb.Blob.from_file_path(str(path)))
    hb_font = hb.Font(hb_face)
    extents = hb_font.get_font_extents("ltr")
    upem = hb_face.upem
    family = next((f for f in families() if file_name in f.files.values()), None)
    result = Face(name, path, family.name if family else path.stem, ttf, hb_font, upem, extents.ascender / upem,
                  -extents.descender / upem, frozenset(ttf.face.charToGlyph), family.scale if family else 1.0)
    _faces[file_name] = result
    return result


def _private(code: int) -> bool:
    return PUA_START <= code <= PUA_END or code >= CODE_START


def is_invisible(char: str) -> bool:
    """Characters that draw nothing and need no glyph (ZWJ, ZWNJ, marks of direction)."""
    return unicodedata.category(char) == "Cf" or char in "\n\t"


def describe(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, 'unnamed character')}"


__all__ = ["Face", "Family", "LeafletError", "describe", "face", "families", "family_for", "on_change", "use"]
