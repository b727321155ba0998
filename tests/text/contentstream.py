"""An interpreter of PDF content streams, for tests: every glyph a page draws,
with its font and its absolute position, computed from the operators as
written (q/Q/cm, BT/ET, Tf, Tm, Td, TD, T*, TL, Tc, Tw, Tz, Ts, TJ, Tj, ', ")
and each font's own /Widths, as a viewer computes them (ISO 32000-1, 9.4).
It knows nothing of the engine that wrote the PDF."""
from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache

from fontTools.ttLib import TTFont
from pypdf import PdfReader
from pypdf.generic import ContentStream, DictionaryObject

IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def multiply(m, n):
    """m x n for PDF matrices [a b c d e f]."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


@dataclass(frozen=True)
class Font:
    """One font dictionary: its name, codes -> widths, codes -> Unicode, and the embedded program."""
    base: str  # BaseFont without the subset tag
    widths: dict
    to_unicode: dict
    program: bytes | None
    key: str  # digest of the embedded program and widths

    def width(self, code: int) -> float:
        return self.widths.get(code, 0.0)


@dataclass(frozen=True)
class Glyph:
    font: Font
    code: int
    x: float  # origin of the glyph in default user space (points)
    y: float
    size: float  # the font size as drawn (text matrix scale included)
    run: int  # index of the text positioning (Tm/Td...) that started its run
    actual: str | None  # /ActualText of the innermost marked content holding it


def _to_unicode(font) -> dict[int, str]:
    if "/ToUnicode" not in font:
        return {}
    import re
    data = font["/ToUnicode"].get_object().get_data().decode("latin-1")
    out = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for code, text in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            out[int(code, 16)] = bytes.fromhex(text).decode("utf-16-be")
    return out


def read_font(ref) -> Font:
    font = ref.get_object()
    first = int(font.get("/FirstChar", 0))
    widths = {first + i: float(w) for i, w in enumerate(font.get("/Widths", []))}
    program = None
    descriptor = font.get("/FontDescriptor")
    if descriptor is not None and "/FontFile2" in descriptor.get_object():
        program = descriptor.get_object()["/FontFile2"].get_object().get_data()
    base = str(font.get("/BaseFont", "/?"))[1:]
    import hashlib
    key = hashlib.sha1((program or b"") + repr(sorted(widths.items())).encode()).hexdigest()
    return Font(base.split("+", 1)[-1], widths, _to_unicode(font), program, key)


class Page:
    """Glyphs of one page (form XObjects included)."""

    def __init__(self, reader: PdfReader, index: int):
        self.reader = reader
        page = reader.pages[index]
        self.glyphs: list[Glyph] = []
        self.origins: list[tuple] = [()]  # per run: the matrix (text matrix x CTM) where it starts
        self.lines: list[int] = [0]  # per run: the text object (BT..ET) it is in
        self._fonts: dict = {}
        self._runs = 0
        self._objects = 0
        self._run(page.get_contents(), page["/Resources"], IDENTITY)

    def _font(self, resources, name) -> Font:
        ref = resources["/Font"].raw_get(name)
        key = (ref.idnum, ref.generation) if hasattr(ref, "idnum") else id(ref)
        if key not in self._fonts:
            self._fonts[key] = read_font(ref)
        return self._fonts[key]

    def _run(self, contents, resources, ctm) -> None:
        resources = resources.get_object()
        stack, marks = [], []
        tm = tlm = IDENTITY
        font, size, char, word, scale, leading, rise = None, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0
        for operands, op in ContentStream(contents, self.reader).operations:
            if op == b"q":
                stack.append((ctm, font, size, char, word, scale, leading, rise))
            elif op == b"Q":
                ctm, font, size, char, word, scale, leading, rise = stack.pop()
            elif op == b"cm":
                ctm = multiply(tuple(float(v) for v in operands), ctm)
            elif op == b"BT":
                tm = tlm = IDENTITY
                self._objects += 1
            elif op == b"Tf":
                font, size = self._font(resources, operands[0]), float(operands[1])
            elif op == b"Tc":
                char = float(operands[0])
            elif op == b"Tw":
                word = float(operands[0])
            elif op == b"Tz":
                scale = float(operands[0]) / 100
            elif op == b"TL":
                leading = float(operands[0])
            elif op == b"Ts":
                rise = float(operands[0])
            elif op in (b"Td", b"TD", b"Tm", b"T*", b"'", b'"'):
                if op == b"Tm":
                    tm = tlm = tuple(float(v) for v in operands)
                elif op in (b"Td", b"TD"):
                    tx, ty = float(operands[0]), float(operands[1])
                    if op == b"TD":
                        leading = -ty
                    tm = tlm = multiply((1, 0, 0, 1, tx, ty), tlm)
                else:
                    tm = tlm = multiply((1, 0, 0, 1, 0, -leading), tlm)
                self._runs += 1
                self.origins.append(multiply(tm, ctm))
                self.lines.append(self._objects)
                if op == b'"':
                    word, char = float(operands[0]), float(operands[1])
                if op in (b"'", b'"'):
                    tm = self._show([operands[-1]], tm, ctm, font, size, char, word, scale, rise, marks)
            elif op == b"TJ":
                tm = self._show(operands[0], tm, ctm, font, size, char, word, scale, rise, marks)
            elif op == b"Tj":
                tm = self._show([operands[0]], tm, ctm, font, size, char, word, scale, rise, marks)
            elif op in (b"BDC", b"BMC"):
                props = operands[1] if op == b"BDC" and len(operands) > 1 else None
                if props is not None and not isinstance(props, DictionaryObject):
                    props = resources.get("/Properties", {}).get(props)
                actual = props.get("/ActualText") if isinstance(props, DictionaryObject) else None
                marks.append(str(actual) if actual is not None else None)
            elif op == b"EMC":
                marks.pop()
            elif op == b"Do":
                xobject = resources["/XObject"][operands[0]].get_object()
                if xobject.get("/Subtype") == "/Form":
                    matrix = tuple(float(v) for v in xobject.get("/Matrix", IDENTITY))
                    self._run(xobject, xobject.get("/Resources", resources), multiply(matrix, ctm))

    def _show(self, items, tm, ctm, font, size, char, word, scale, rise, marks):
        actual = next((m for m in reversed(marks) if m is not None), None)
        for item in items:
            if isinstance(item, (int, float)) or type(item).__name__ in ("FloatObject", "NumberObject"):
                tm = multiply((1, 0, 0, 1, -float(item) / 1000 * size * scale, 0), tm)
                continue
            data = item.get_original_bytes() if hasattr(item, "get_original_bytes") else bytes(item)
            for code in data:  # simple (one-byte) fonts: TrueType subsets
                trm = multiply((size * scale, 0, 0, size, 0, rise), multiply(tm, ctm))
                self.glyphs.append(Glyph(font, code, trm[4], trm[5], (trm[2] ** 2 + trm[3] ** 2) ** 0.5,
                                         self._runs, actual))
                advance = (font.width(code) / 1000 * size + char + (word if code == 32 else 0)) * scale
                tm = multiply((1, 0, 0, 1, advance, 0), tm)
        return tm


@lru_cache(maxsize=2)
def pages(pdf: bytes) -> tuple[Page, ...]:
    reader = PdfReader(io.BytesIO(pdf))
    return tuple(Page(reader, i) for i in range(len(reader.pages)))


@lru_cache(maxsize=64)
def _embedded(program: bytes) -> TTFont:
    return TTFont(io.BytesIO(program))


@lru_cache(maxsize=64)
def _original(path: str) -> TTFont:
    return TTFont(path)


def _outline(font: TTFont, name: str) -> tuple:
    glyf = font["glyf"]
    glyph = glyf[name]
    coords, ends, flags = glyph.getCoordinates(glyf) if glyph.numberOfContours else ([], [], [])
    return tuple(map(tuple, coords)), tuple(ends), font["hmtx"][name][0]


_shapes: dict = {}


def drawn_shape(glyph: Glyph) -> tuple:
    """Outline and advance of the glyph a code selects in the embedded subset font."""
    key = (glyph.font.key, glyph.code)
    if key not in _shapes:
        font = _embedded(glyph.font.program)
        cmap = {c: g for t in font["cmap"].tables for c, g in t.cmap.items()}
        _shapes[key] = _outline(font, cmap.get(glyph.code, ".notdef"))
    return _shapes[key]


_originals: dict = {}


def original_shape(path: str, gid: int) -> tuple:
    key = (path, gid)
    if key not in _originals:
        font = _original(path)
        _originals[key] = _outline(font, font.getGlyphName(gid))
    return _originals[key]


def upem(path: str) -> int:
    return _original(path)["head"].unitsPerEm
