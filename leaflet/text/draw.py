"""Drawing shaped lines into a ReportLab canvas as PDF text operators.

Each glyph is placed where HarfBuzz put it: advances and x offsets become TJ
adjustments, y offsets (Arabic marks, Nastaliq's descending joins) become text
rise. ReportLab's TTFont embeds the subset and writes widths and ToUnicode.
Where the drawn glyphs do not spell the line's text (ligatures, conjuncts,
joining forms, right-to-left order) the piece is wrapped in /ActualText so that
copy, search and read-aloud give the logical text.

Right-to-left pieces need care, as text extractors undo the visual order
themselves. PDFium (Chrome, pypdfium2: CPDF_TextPage) takes a line's text
objects left to right, by their first glyph, and reads each through ToUnicode
or, at the first object of a marked-content sequence, its ActualText
(PreMarkedContent, ProcessMarkedContent); CloseTempLine then cuts the line into
direction runs, reverses their order if right-to-left runs dominate, and
reverses each right-to-left run's characters -- as measured (pypdfium2 5.15,
PDFium 159.0.8149), not a run that begins with ActualText, and ActualText that
follows a right-to-left character or sits on right-to-left glyphs is laid in
reversed. So one ActualText over a right-to-left word comes out backwards, but
inside a run that a bare glyph opens it comes out right: see `_rtl_parts`.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import NamedTuple

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
    state = {}  # the fill and font last set, shared by the line's drawers
    pieces = line.pieces
    pens = [x]
    for piece in pieces:
        pens.append(pens[-1] + piece.width(size))
    plan = [_plan(canv, p, fill_for(spans[p.item.span]), pens[k], baseline, size, ops, state)
            for k, p in enumerate(pieces)]
    # PDFium drops a glyph with no ink, as a space's is, and guesses the space
    # from the gap, which fails next to ActualText and in right-to-left lines.
    # So a right-to-left space before a piece drawn in parts joins the text
    # object of its bare leftmost glyph; else a space next to ActualText goes
    # into it (after a piece drawn in parts, either side of a whole one).
    host, lead_in = {}, {}
    for k, piece in enumerate(pieces):
        if not piece.space:
            continue
        hosts = [j for j in (k - 1, k + 1) if 0 <= j < len(pieces) and pieces[j].rtl == piece.rtl
                 and plan[j].actual and (j < k or not plan[j].parts)]
        nxt = plan[k + 1] if k + 1 < len(pieces) else None
        if nxt and nxt.draw.face is plan[k].draw.face and nxt.draw.fill == plan[k].draw.fill and (
                nxt.draw.pens[nxt.parts[0][0]] == 0 if nxt.parts else not nxt.actual and not piece.rtl):
            lead_in[k + 1] = plan[k].draw
        elif hosts:
            host[k] = hosts[0]
    for k, piece in enumerate(pieces):
        if k in host or lead_in.get(k + 1) is plan[k].draw:
            continue
        draw, texts, actual, parts = plan[k]
        left = pieces[k - 1].text if host.get(k - 1) == k else ""  # spaces it takes in
        right = pieces[k + 1].text if host.get(k + 1) == k else ""
        bare, inside = parts[:2] if parts else ((), None)
        text = "".join(texts[i] or "" for i in inside[::-1]) if parts else piece.text  # logical order
        text = right + text + left if piece.rtl else left + text + right
        for i in bare:
            draw(i, i + 1, lead_in.get(k) if i == bare[0] else None)
        if actual:
            ops.append(f"/Span <</ActualText {utf16_hex(text)}>> BDC")
        if left:
            plan[k - 1].draw(0, len(pieces[k - 1].shaped.glyphs))
        for a, b in parts[2] if parts else [(0, len(draw.glyphs))]:
            draw(a, b, lead_in.get(k) if not parts else None)
        if right:
            plan[k + 1].draw(0, len(pieces[k + 1].shaped.glyphs))
        if actual:
            ops.append("EMC")
    ops.append("ET")
    links = [LinkBox(spans[p.item.span].href, pens[k], baseline - line.descent, pens[k + 1], baseline + line.ascent)
             for k, p in enumerate(pieces) if spans[p.item.span].href]
    return "\n".join(ops), _merge(links)


class _Plan(NamedTuple):
    draw: "_Drawer"
    texts: list
    actual: bool  # the glyphs' text does not spell the piece's: ActualText
    parts: tuple | None  # see _rtl_parts


def _plan(canv, piece, fill, x, baseline, size, ops, state) -> _Plan:
    face = piece.item.face
    glyphs = piece.shaped.glyphs
    texts = glyph_texts(piece.text, glyphs)
    codes = [face.code_for(g.gid, t) for g, t in zip(glyphs, texts)]
    readable = [face.text_of(c) for c in codes]
    actual = "".join(readable[::-1] if piece.rtl else readable) != piece.text
    parts = None
    if piece.rtl and actual:
        parts = _rtl_parts(glyphs, texts, readable, lambda g: abs(g.y_offset) * size < face.upem
                           and face.hb_font.get_glyph_extents(g.gid).width > 0)
    return _Plan(_Drawer(canv, face, glyphs, codes, x, baseline, size, ops, state, fill), texts, actual, parts)


class _Drawer:
    """Draws glyphs[a:b] of one piece where HarfBuzz put them, as text objects
    of their own: each subset chunk starts at its own pen position."""

    def __init__(self, canv, face, glyphs, codes, x, baseline, size, ops, state, fill):
        self.canv, self.face, self.glyphs, self.codes = canv, face, glyphs, codes
        self.x, self.baseline, self.size, self.ops, self.state, self.fill = x, baseline, size, ops, state, fill
        self.pens = _pens(glyphs)

    def __call__(self, a: int, b: int, before: "_Drawer | None" = None) -> None:
        """`before`: a drawer whose glyphs, all of them, go first into the same
        text object; they end where glyph a starts (at the piece's start)."""
        glyphs, codes, x, pens = self.glyphs[a:b], self.codes[a:b], self.x, self.pens[a:b + 1]
        if before:
            glyphs, codes, x = before.glyphs + glyphs, before.codes + codes, before.x
            pens = before.pens + [before.pens[-1] + p for p in pens[1:]]
        face, doc, size, ttf = self.face, self.canv._doc, self.size, self.face.ttf
        if self.fill != self.state.get("fill"):
            self.ops.append(self.fill)
            self.state["fill"] = self.fill
        g = 0
        for subset, data in ttf.splitString("".join(map(chr, codes)), doc):
            font = ttf.getSubsetInternalName(subset, doc)
            self.ops.append(f"1 0 0 1 {_n(x + pens[g] * size / face.upem)} {_n(self.baseline)} Tm")
            if font != self.state.get("font"):
                self.ops.append(f"{font} {_n(size)} Tf")
                self.state["font"] = font
            self.ops.extend(_positioned(glyphs[g:g + len(data)], codes[g:g + len(data)], data,
                                        1000 / face.upem, ttf.face.charWidths, ttf.face.defaultWidth, size))
            g += len(data)


def _rtl_parts(glyphs, texts, readable, flat):
    """How to draw a right-to-left piece whose glyphs do not spell its text so
    that PDFium reads it in logical order, as glyph indices: (bare, inside,
    runs), or None to draw it whole inside one ActualText.

    `bare` glyphs are drawn first, without ActualText, read through ToUnicode:
    those up to the piece's leftmost letter, which opens the right-to-left run,
    so that PDFium reverses the run. The ActualText covers the glyphs `inside`,
    drawn as text objects of `runs` (start, end). PDFium reads it at the first
    of them it meets (the anchor: the leftmost inside, drawn first and alone)
    and, after that right-to-left letter, lays it in reversed, so the run's
    reversal puts it back in order.

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
    pens = _pens(glyphs)
    x = [pen + g.x_offset for pen, g in zip(pens, glyphs)]
    reach = pens[lead + 1] + glyphs[lead].x_advance / 2
    anchor = min((i for i in rest if flat(glyphs[i]) and x[lead] <= x[i] <= reach),
                 key=lambda i: x[i], default=None)
    if anchor is None:
        return None
    rest.remove(anchor)
    runs = [(anchor, anchor + 1)]
    for i in rest:
        if runs[-1][1] == i and glyphs[i].y_offset == glyphs[i - 1].y_offset and runs[-1][0] != anchor:
            runs[-1] = (runs[-1][0], i + 1)
        else:
            runs.append((i, i + 1))
    return bare, sorted((anchor, *rest)), runs


def _pens(glyphs) -> list[int]:
    """Where each glyph's advance starts, and the end, in font units."""
    pens = [0]
    for g in glyphs:
        pens.append(pens[-1] + g.x_advance)
    return pens


def _rtl(text: str) -> bool:
    return unicodedata.bidirectional(text[0]) in ("R", "AL")


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
