"""Drawing shaped lines into a ReportLab canvas as PDF text operators.

Each glyph is placed where HarfBuzz put it: advances and x offsets become TJ
adjustments, y offsets (Arabic marks, Nastaliq's descending joins) become text
rise. ReportLab's TTFont embeds the subset and writes widths and ToUnicode.
Where the drawn glyphs do not spell the line's text (ligatures, conjuncts,
joining forms, right-to-left order) the piece is wrapped in /ActualText so that
copy, search and read-aloud give the logical text.

Right-to-left pieces need care, because text extractors undo the visual order
themselves. PDFium (Chrome, pypdfium2; CPDF_TextPage) collects a line's text
objects left to right, then CloseTempLine runs a crude bidi pass over the line:
it reverses the order of its direction runs and, for a right-to-left run, reverses
the run's characters too -- but not when the run begins (on the left) with
ActualText, whose characters it has already laid out right to left when the
object's own glyphs read right to left (IsRightToLeft, ProcessMarkedContent).
So ActualText that covers a whole right-to-left word comes out backwards. It
comes out right inside a run that some bare glyph opens: see `_rtl_parts`.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from .lines import Line


@dataclass(frozen=True)
class LinkBox:
    href: str
    x0: float
    y0: float
    x1: float
    y1: float


def line_ops(canv, line: Line, spans, x: float, baseline: float, size: float,
             fill_for) -> tuple[str, list[LinkBox]]:
    """PDF operators for one line at (x, baseline), and the boxes of its links.
    `fill_for(span)` gives the fill colour operator for a span's text."""
    ops = ["BT"]
    links: list[LinkBox] = []
    state = {}  # the fill and font last set, shared by the line's drawers
    pieces = line.pieces
    pens = [x]
    for piece in pieces:
        pens.append(pens[-1] + piece.width(size))

    def draw_for(k):
        piece = pieces[k]
        span = spans[piece.item.span]
        fill = fill_for(span)
        if fill != state.get("fill"):
            ops.append(fill)
            state["fill"] = fill
        if span.href:
            links.append(LinkBox(span.href, pens[k], baseline - line.descent, pens[k + 1], baseline + line.ascent))
        face = piece.item.face
        glyphs = piece.shaped.glyphs
        texts = glyph_texts(piece.text, glyphs)
        codes = [face.code_for(g.gid, t) for g, t in zip(glyphs, texts)]
        return _Drawer(canv, face, glyphs, codes, pens[k], baseline, size, ops, state), texts

    k = 0
    while k < len(pieces):
        piece = pieces[k]
        draw, texts = draw_for(k)
        glyphs, face = draw.glyphs, draw.face
        readable = [face.text_of(c) for c in draw.codes]
        shown = readable[::-1] if piece.rtl else readable
        actual = "".join(shown) != piece.text
        parts = None
        if piece.rtl and actual:
            parts = _rtl_parts(glyphs, texts, readable, lambda g: abs(g.y_offset) * size < face.upem
                               and face.hb_font.get_glyph_extents(g.gid).width > 0)
        if parts:
            bare, anchor, rest = parts
            inside = sorted((anchor, *rest), reverse=True)  # logical order
            text = "".join(texts[i] or "" for i in inside)
        else:
            bare, text = [], piece.text
        # PDFium drops a space glyph (it has no ink) and guesses spaces from gaps,
        # which fail around ActualText: a space that follows gets into the
        # ActualText, in logical order.
        glue = k + 1 < len(pieces) and pieces[k + 1].space and pieces[k + 1].rtl == piece.rtl
        if actual and glue:
            text = pieces[k + 1].text + text if piece.rtl else text + pieces[k + 1].text
        for i in bare:
            draw(i, i + 1)
        if actual:
            ops.append(f"/Span <</ActualText {utf16_hex(text)}>> BDC")
        if parts:
            draw(anchor, anchor + 1)
            # poppler lays the ActualText out along its first and last glyphs:
            # end on the baseline, as the anchor is
            rest.sort(key=lambda i: glyphs[i].y_offset == 0)
            for a, b in _runs(rest, glyphs):
                draw(a, b)
        else:
            draw(0, len(glyphs))
        if actual and glue:
            k += 1
            space, _ = draw_for(k)
            space(0, len(space.glyphs))
        if actual:
            ops.append("EMC")
        k += 1
    ops.append("ET")
    return "\n".join(ops), _merge(links)


class _Drawer:
    """Draws glyphs[a:b] of one piece where HarfBuzz put them, as text objects
    of their own: each subset chunk starts at its own pen position."""

    def __init__(self, canv, face, glyphs, codes, x, baseline, size, ops, state):
        self.canv, self.face, self.glyphs, self.codes = canv, face, glyphs, codes
        self.x, self.baseline, self.size, self.ops, self.state = x, baseline, size, ops, state
        self.pens = _pens(glyphs)

    def __call__(self, a: int, b: int) -> None:
        face, doc, size, ttf = self.face, self.canv._doc, self.size, self.face.ttf
        g = a
        for subset, data in ttf.splitString("".join(map(chr, self.codes[a:b])), doc):
            font = ttf.getSubsetInternalName(subset, doc)
            self.ops.append(f"1 0 0 1 {_n(self.x + self.pens[g] * size / face.upem)} {_n(self.baseline)} Tm")
            if font != self.state.get("font"):
                self.ops.append(f"{font} {_n(size)} Tf")
                self.state["font"] = font
            self.ops.extend(_positioned(self.glyphs[g:g + len(data)], self.codes[g:g + len(data)], data,
                                        1000 / face.upem, ttf.face.charWidths, ttf.face.defaultWidth, size))
            g += len(data)


def _rtl_parts(glyphs, texts, readable, flat):
    """How to draw a right-to-left piece whose glyphs do not spell its text so
    that PDFium reads it in logical order: (bare, anchor, rest) glyph indices,
    or None to draw it whole inside one ActualText.

    `bare` glyphs are drawn without ActualText and read through ToUnicode: those
    up to the piece's leftmost letter, which opens the right-to-left run, so that
    PDFium reverses the run. The ActualText follows; PDFium reads it where it
    meets the ActualText's first text object (the `anchor`) and, after a
    right-to-left character, lays it out right to left, so the run's reversal
    puts it back in order. It meets a line's text objects left to right, by
    their first glyph, so the anchor is the leftmost glyph of the `rest`.

    PDFium starts a new line at a text object it reads raised by a point or
    more, and drops one with no ink, so bare glyphs and the anchor must be
    `flat(glyph)`; bare glyphs must also read as one character equivalent to
    their text. The ActualText must be letters only: PDFium splits a run at
    anything else (marks, joiners, punctuation) and does not reverse a part
    that begins with ActualText. Nastaliq words whose letters all but the last
    are raised fall back to one ActualText, which PDFium reads backwards."""
    bare, rest = [], []
    for i, (g, t, r) in enumerate(zip(glyphs, texts, readable)):
        if not t:
            rest.append(i)  # a dot of the leftmost letter
        elif not flat(g) or len(r) != 1 or unicodedata.normalize("NFKC", r) != t:
            return None
        else:
            bare.append(i)
            if _rtl(t):
                break
    else:
        return None
    lead = bare[-1]
    rest += range(lead + 1, len(glyphs))
    if not all(_rtl(c) for i in rest if texts[i] for c in texts[i]):
        return None
    x = [pen + g.x_offset for pen, g in zip(_pens(glyphs), glyphs)]
    anchor = min((i for i in rest if flat(glyphs[i]) and x[i] >= x[lead]), key=lambda i: x[i], default=None)
    if anchor is None:
        return None
    return bare, anchor, [i for i in rest if i != anchor]


def _pens(glyphs) -> list[int]:
    """Where each glyph's advance starts, and the end, in font units."""
    pens = [0]
    for g in glyphs:
        pens.append(pens[-1] + g.x_advance)
    return pens


def _rtl(text: str) -> bool:
    return unicodedata.bidirectional(text[0]) in ("R", "AL")


def _runs(indices, glyphs):
    """Consecutive indices on one rise, as (start, end): each becomes its own
    text object, so each starts at the origin it is given."""
    out = []
    for i in indices:
        if out and out[-1][1] == i and glyphs[i].y_offset == glyphs[i - 1].y_offset:
            out[-1][1] = i + 1
        else:
            out.append([i, i + 1])
    return out


def glyph_texts(text: str, glyphs) -> list[str | None]:
    """The characters each glyph stands for: a cluster's text goes to its first
    glyph in logical order; the cluster's other glyphs stand for nothing."""
    starts = sorted({g.cluster for g in glyphs})
    ends = dict(zip(starts, starts[1:] + [len(text)]))
    seen: set[int] = set()
    out: list[str | None] = [None] * len(glyphs)
    logical = range(len(glyphs)) if not glyphs or glyphs[0].cluster <= glyphs[-1].cluster \
        else range(len(glyphs) - 1, -1, -1)
    for i in logical:
        c = glyphs[i].cluster
        if c not in seen:
            seen.add(c)
            out[i] = text[c:ends[c]]
    return out


def _positioned(glyphs, codes, data: bytes, scale: float, widths: dict, default: float, size: float) -> list[str]:
    """TJ arrays (and Ts rises) drawing `glyphs` at HarfBuzz's positions.

    Units: thousandths of an em, as TJ counts them. `cur` is where the PDF's own
    advance has left the pen, `pen` where HarfBuzz says the next glyph starts."""
    out: list[str] = []
    tj: list[str] = []
    cur = pen = 0.0
    rise = 0.0
    for glyph, code, byte in zip(glyphs, codes, data):
        y = glyph.y_offset * scale
        if y != rise:
            if tj:
                out.append(f"[{''.join(tj)}] TJ")
                tj = []
            out.append(f"{_n(y * size / 1000)} Ts")
            rise = y
        target = pen + glyph.x_offset * scale
        if abs(target - cur) > 0.005:
            tj.append(f" {_n(cur - target)} ")
            cur = target
        tj.append(f"<{byte:02X}>")
        cur += widths.get(code, default)
        pen += glyph.x_advance * scale
    if tj:
        out.append(f"[{''.join(tj)}] TJ")
    if rise:
        out.append("0 Ts")
    return out


def _merge(links: list[LinkBox]) -> list[LinkBox]:
    out: list[LinkBox] = []
    for box in links:
        if out and out[-1].href == box.href and abs(out[-1].x1 - box.x0) < 0.01:
            prev = out[-1]
            out[-1] = LinkBox(box.href, prev.x0, min(prev.y0, box.y0), box.x1, max(prev.y1, box.y1))
        else:
            out.append(box)
    return out


def utf16_hex(text: str) -> str:
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def _n(v: float) -> str:
    s = f"{v:.3f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s
