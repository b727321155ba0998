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
from dataclasses import dataclass, replace

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
    current_fill = None
    state = {}  # the font last set, shared by the line's drawers
    pen = x
    for piece in line.pieces:
        face = piece.item.face
        span = spans[piece.item.span]
        fill = fill_for(span)
        if fill != current_fill:
            ops.append(fill)
            current_fill = fill
        glyphs = piece.shaped.glyphs
        texts = glyph_texts(piece.text, glyphs)
        codes = [face.code_for(g.gid, t) for g, t in zip(glyphs, texts)]
        readable = [face.text_of(c) for c in codes]
        shown = readable[::-1] if piece.rtl else readable
        actual = "".join(shown) != piece.text
        draw = _Drawer(canv, face, glyphs, codes, pen, baseline, size, ops, state)
        parts = _rtl_parts(glyphs, texts, readable) if piece.rtl and actual else None
        if parts:
            bare, anchor, rest = parts
            for i in bare:
                draw(i, i + 1)
            inside = sorted((anchor, *rest), reverse=True)  # logical order
            ops.append(f"/Span <</ActualText {utf16_hex(''.join(texts[i] or '' for i in inside))}>> BDC")
            draw(anchor, anchor + 1, at=draw.pens[bare[-1] + 1] if bare else 0)
            for a, b in _runs(rest, glyphs):
                draw(a, b, at=draw.pens[-1])
            ops.append("EMC")
        else:
            if actual:
                ops.append(f"/Span <</ActualText {utf16_hex(piece.text)}>> BDC")
            draw(0, len(glyphs))
            if actual:
                ops.append("EMC")
        width = piece.width(size)
        if span.href:
            links.append(LinkBox(span.href, pen, baseline - line.descent, pen + width, baseline + line.ascent))
        pen += width
    ops.append("ET")
    return "\n".join(ops), _merge(links)


class _Drawer:
    """Draws glyphs[a:b] of one piece where HarfBuzz put them. `at` (font units
    from the piece's start) moves only the text object's origin, which is where
    PDFium sorts it in the line; TJ then steps back to the glyphs' own places."""

    def __init__(self, canv, face, glyphs, codes, x, baseline, size, ops, state):
        self.canv, self.face, self.glyphs, self.codes = canv, face, glyphs, codes
        self.x, self.baseline, self.size, self.ops, self.state = x, baseline, size, ops, state
        self.pens = [0]
        for g in glyphs:
            self.pens.append(self.pens[-1] + g.x_advance)

    def __call__(self, a: int, b: int, at: int | None = None) -> None:
        face, doc, size = self.face, self.canv._doc, self.size
        ttf = face.ttf
        g = a
        for subset, data in ttf.splitString("".join(map(chr, self.codes[a:b])), doc):
            origin = self.pens[g] if at is None else at
            glyphs = self.glyphs[g:g + len(data)]
            if origin != self.pens[g]:
                glyphs = [replace(x, x_offset=x.x_offset + self.pens[g] - origin) for x in glyphs]
            font = ttf.getSubsetInternalName(subset, doc)
            self.ops.append(f"1 0 0 1 {_n(self.x + origin * size / face.upem)} {_n(self.baseline)} Tm")
            if font != self.state.get("font"):
                self.ops.append(f"{font} {_n(size)} Tf")
                self.state["font"] = font
            self.ops.extend(_positioned(glyphs, self.codes[g:g + len(data)], data, 1000 / face.upem,
                                        ttf.face.charWidths, ttf.face.defaultWidth, size))
            g += len(data)


def _rtl_parts(glyphs, texts, readable):
    """How to draw a right-to-left piece whose glyphs do not spell its text so
    that PDFium reads it in logical order: (bare, anchor, rest) glyph indices,
    or None to draw it whole inside one ActualText.

    `bare` glyphs are drawn without ActualText, read through ToUnicode: those up
    to the piece's leftmost letter, which opens the right-to-left run, so that
    PDFium reverses the run. The ActualText then opens with the `anchor` glyph,
    a letter placed (as a text object) right after them: PDFium lays its
    ActualText out right to left, and the run's reversal puts it back in order.
    The `rest` of the ActualText is placed at the piece's end, so that PDFium
    takes it after the anchor and skips it as part of the same ActualText.

    Failing that (every letter but the leftmost is raised, as in Nastaliq), a
    word of letters only may be drawn with no bare glyph and an anchor that
    reads left to right (a glyph with no text of its own): PDFium then keeps its
    ActualText as it is, and the run of it unreversed.

    PDFium starts a new line at a raised text object it reads, so bare glyphs and
    the anchor sit on the baseline; bare glyphs must read as one character
    equivalent to their text. A glyph with no text before the leftmost letter
    (a dot of that letter) goes in `rest`."""
    bare, rest = [], []
    for i, (g, t, r) in enumerate(zip(glyphs, texts, readable)):
        if not t:
            rest.append(i)
        elif g.y_offset or len(r) != 1 or unicodedata.normalize("NFKC", r) != t:
            break
        else:
            bare.append(i)
            if _rtl(t):
                tail = range(i + 1, len(glyphs))
                anchor = next((j for j in tail if texts[j] and not glyphs[j].y_offset and _rtl(readable[j])), None)
                if anchor is not None:
                    return bare, anchor, rest + [j for j in tail if j != anchor]
                break
    if all(_rtl(c) for t in texts if t for c in t):
        anchor = next((j for j, g in enumerate(glyphs) if not g.y_offset and not _rtl(readable[j])), None)
        if anchor is not None:
            return [], anchor, [j for j in range(len(glyphs)) if j != anchor]
    return None


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
