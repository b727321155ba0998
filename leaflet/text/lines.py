"""Items -> shaped pieces -> lines: greedy line filling on shaped widths,
breaking only where UAX #14 (tailored in `breaking`) allows, then each line
put in visual order by the bidi rules.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import accumulate

from .. import fonts
from ..markup import Span
from . import bidi, breaking
from .itemize import Item, itemize
from .shaping import Shaped, shape


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: pieces are cached
class Piece:
    item: Item
    text: str
    start: int  # offset in the paragraph's text
    shaped: Shaped
    space: bool  # whitespace only: hangs at a line end
    break_after: bool

    def width(self, size: float) -> float:
        face = self.item.face  # Shaped.width, inlined: the line filler's hot spot (with the face's optical scale)
        return self.shaped.advance * size * face.scale / face.upem

    @property
    def rtl(self) -> bool:
        return self.item.level % 2 == 1


@dataclass(frozen=True)
class Line:
    pieces: tuple[Piece, ...]  # visual order, trailing spaces removed
    text: str  # logical text
    width: float
    ascent: float  # above the baseline, points
    descent: float  # below the baseline, points
    height: float  # line box: at least leading x size, at least the fonts' own height
    tail: tuple[Piece, ...] = ()  # the spaces the line broke at: drawn past its end, so text reads "a b", not "ab"
    rtl: bool = False  # the paragraph's direction: which end the tail goes at

    @property
    def baseline(self) -> float:
        """Distance from the line box's top to the baseline (half-leading model)."""
        return (self.height - self.ascent - self.descent) / 2 + self.ascent


@dataclass(frozen=True)
class Paragraph:
    """A paragraph ready to be broken into lines at any width."""

    text: str
    pieces: tuple[Piece, ...]
    language: str
    rtl: bool


@lru_cache(maxsize=4096)
def prepare(spans: tuple[Span, ...], language: str, rtl: bool, bold: bool = False,
            italic: bool = False) -> Paragraph:
    """Itemized, shaped pieces of a paragraph; cached, since autofit and every
    edition of a run set the same paragraphs again."""
    items = itemize(spans, language, rtl, bold, italic)
    text = "".join(s.text for s in spans)
    cuts = _break_offsets(spans, text, language)
    pieces: list[Piece] = []
    for item in items:
        bounds = [0]
        for j in range(1, len(item.text)):
            offset = item.start + j
            if offset in cuts or item.text[j].isspace() != item.text[j - 1].isspace():
                bounds.append(j)
        bounds.append(len(item.text))
        for a, b in zip(bounds, bounds[1:]):
            chunk = item.text[a:b]
            end = item.start + b
            pieces.append(Piece(item, chunk, item.start + a,
                                shape(item.face, chunk, item.level % 2 == 1, item.script, language),
                                chunk.isspace(), end in cuts or end == len(text)))
    return Paragraph(text, tuple(pieces), language, rtl)


def _break_offsets(spans: tuple[Span, ...], text: str, language: str) -> set[int]:
    cuts = set(breaking.opportunities(text, language))
    start = 0
    for span in spans:
        end = start + len(span.text)
        if span.is_data:
            cuts -= set(range(start + 1, end))
            cuts |= {start + i for i in breaking.data_opportunities(span.text, span.kind)}
        start = end
    return cuts


def break_lines(para: Paragraph, width: float, size: float, leading: float,
                overlong: list[str] | None = None) -> list[Line]:
    """Greedy first-fit lines. A group too wide for an empty line (a word longer
    than the line) is cut between characters and named in `overlong`.

    Cached: fitting sets the same paragraph at the same few sizes and widths
    for every page count it tries, so without the cache a long text costs its
    length times the pages tried."""
    lines, cut = _break_lines(para, width, size, leading)
    if overlong is not None:
        overlong.extend(cut)
    return list(lines)


@lru_cache(maxsize=4096)
def _break_lines(para: Paragraph, width: float, size: float,
                 leading: float) -> tuple[tuple[Line, ...], tuple[str, ...]]:
    overlong: list[str] = []
    rows: list[list[Piece]] = []
    current: list[Piece] = []
    used = 0.0
    for group in _groups(para.pieces):
        inked = _trim(group)
        w_all = sum(p.width(size) for p in group)
        w_ink = sum(p.width(size) for p in inked)
        if current and used + w_ink > width + 1e-6:
            rows.append(current)
            current, used = [], 0.0
            group = _strip_leading(group)
            w_all = sum(p.width(size) for p in group)
            w_ink = sum(p.width(size) for p in _trim(group))
        if not current and w_ink > width + 1e-6:
            overlong.append("".join(p.text for p in group).strip())
            chunks = _cut(group, width, size, para.language)
            rows.extend(chunks[:-1])
            group = chunks[-1]
            w_all = sum(p.width(size) for p in group)
        current.extend(group)
        used += w_all
    if current:
        rows.append(current)
    if not overlong:
        rows = _no_lone_word(rows, width, size)
    lines = [_line(row, para, size, leading) for row in rows]
    return tuple(_steady(lines, para, size, leading)), tuple(overlong)


LONE_WORD = 0.25  # a last line of one word narrower than this share of the measure looks lost


def _no_lone_word(rows: list[list[Piece]], width: float, size: float) -> list[list[Piece]]:
    """A last line of one short word takes the word before it along, when that
    word fits there and the line it leaves keeps at least two words."""
    if len(rows) < 2:
        return rows
    last, before = _groups(tuple(rows[-1])), _groups(tuple(rows[-2]))
    if len(last) != 1 or len(before) < 3:
        return rows
    if sum(p.width(size) for p in _trim(last[0])) >= LONE_WORD * width:
        return rows
    moved = before[-1] + last[0]
    if sum(p.width(size) for p in _trim(moved)) > width + 1e-6:
        return rows
    return rows[:-2] + [[p for g in before[:-1] for p in g], moved]


def _steady(lines: list[Line], para: Paragraph, size: float, leading: float) -> list[Line]:
    """One line pitch for the whole paragraph: every line gets the ascent and
    descent of all the paragraph's fonts, so a Latin word in a Bengali line
    (or a Nastaliq word in a Latin one) does not move that line's baseline;
    a tall script's paragraph gets the room its font needs on every line."""
    if not lines:
        return lines
    # The Latin face always counts: any paragraph may hold a Latin word or a
    # number, and paragraphs with and without one then share the page's pitch.
    latin = fonts.face(fonts.families()[0].file(False, False))
    faces = {p.item.face for p in para.pieces} | {latin}
    ascent = max(f.ascender * f.scale for f in faces) * size
    descent = max(f.descender * f.scale for f in faces) * size
    height = max(leading * size, ascent + descent)
    return [replace(line, ascent=ascent, descent=descent, height=height) for line in lines]


def _groups(pieces: tuple[Piece, ...]) -> list[list[Piece]]:
    groups, cur = [], []
    for p in pieces:
        cur.append(p)
        if p.break_after:
            groups.append(cur)
            cur = []
    if cur:
        groups.append(cur)
    return groups


def _trim(pieces: list[Piece]) -> list[Piece]:
    end = len(pieces)
    while end and pieces[end - 1].space:
        end -= 1
    return pieces[:end]


def _strip_leading(pieces: list[Piece]) -> list[Piece]:
    i = 0
    while i < len(pieces) and pieces[i].space:
        i += 1
    return pieces[i:]


def _line(pieces: list[Piece], para: Paragraph, size: float, leading: float) -> Line:
    inked = _trim(pieces) or pieces
    order = bidi.visual_order([p.item.level for p in inked])
    visual = tuple(inked[i] for i in order)
    faces = {p.item.face for p in inked}
    ascent = max(f.ascender * f.scale for f in faces) * size
    descent = max(f.descender * f.scale for f in faces) * size
    text = para.text[inked[0].start:inked[-1].start + len(inked[-1].text)]
    return Line(visual, text, sum(p.width(size) for p in inked), ascent, descent,
                max(leading * size, ascent + descent), tuple(pieces[len(inked):]) if inked is not pieces else (),
                para.rtl)


def _cut(group: list[Piece], width: float, size: float, language: str) -> list[list[Piece]]:
    """Cut an over-wide group into line-sized chunks between characters.

    Where to cut is found from each piece's own glyph advances in one pass, and
    each chunk is shaped once, so a 5,000-character word costs about twice its
    shaping, not a reshape per character tried."""
    chunks: list[list[Piece]] = []
    cur: list[Piece] = []
    used = 0.0
    for p in group:
        w = p.width(size)
        if used + w <= width + 1e-6 or p.space:
            cur.append(p)
            used += w
            continue
        bounds = _bounds(p, width - used, width, size, language, bool(cur))
        for a, b in zip(bounds, bounds[1:]):
            if b > a:
                cur.append(_reshape(p, p.text[a:b], a, language))
            chunks.append(cur)
            cur = []
        rest = _reshape(p, p.text[bounds[-1]:], bounds[-1], language)
        cur, used = [rest], rest.width(size)
    chunks.append(cur)
    return [c for c in chunks if c]


def _bounds(p: Piece, room: float, width: float, size: float, language: str, after: bool) -> list[int]:
    """Offsets in `p` where lines end: the first line has `room` left (after
    other pieces, if `after`: then `p` may move on whole), later ones `width`."""
    scale = size * p.item.face.scale / p.item.face.upem
    advance = [0] * len(p.text)
    for g in p.shaped.glyphs:  # a glyph's advance belongs to the character it starts at
        advance[g.cluster] += g.x_advance
    prefix = list(accumulate(advance, initial=0))  # prefix[k]: width of text[:k], font units
    bounds, start, left = [0], 0, room
    while (prefix[-1] - prefix[start]) * scale > left + 1e-6:
        n = bisect_right(prefix, prefix[start] + (left + 1e-6) / scale, lo=start) - 1
        # shaping a slice can differ a little at the cut (joining, kerning): check it
        while n > start and _reshape(p, p.text[start:n], start, language).width(size) > left + 1e-6:
            n -= 1
        if n == start and not (after and start == 0):
            n = start + 1  # a character wider than the line goes alone
        bounds.append(n)
        start, left, after = n, width, False
    return bounds


def _reshape(p: Piece, text: str, offset: int, language: str) -> Piece:
    item = p.item
    return Piece(item, text, p.start + offset, shape(item.face, text, item.level % 2 == 1, item.script, language),
                 False, p.break_after)


@fonts.on_change
def _forget_faces() -> None:
    prepare.cache_clear()  # its pieces carry faces
    _break_lines.cache_clear()
