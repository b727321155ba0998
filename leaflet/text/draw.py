"""Drawing shaped lines into a ReportLab canvas as PDF text operators.

Each glyph is placed where HarfBuzz put it: advances and x offsets become TJ
adjustments, y offsets (Arabic marks, Nastaliq's descending joins) become text
rise. ReportLab's TTFont embeds the subset and writes widths and ToUnicode.
Where the drawn glyphs do not spell the line's text (ligatures, conjuncts,
joining forms, right-to-left order) the line is wrapped in /ActualText so that
copy, search and read-aloud give the logical text.
"""
from __future__ import annotations

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
    doc = canv._doc
    ops = ["BT"]
    links: list[LinkBox] = []
    current_font = current_fill = None
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
        if piece.rtl:
            readable.reverse()
        actual = "".join(readable) != piece.text
        if actual:
            ops.append(f"/Span <</ActualText {utf16_hex(piece.text)}>> BDC")
        ops.append(f"1 0 0 1 {_n(pen)} {_n(baseline)} Tm")
        scale = 1000 / face.upem
        widths = face.ttf.face.charWidths
        default = face.ttf.face.defaultWidth
        g = 0
        for subset, data in face.ttf.splitString("".join(map(chr, codes)), doc):
            font = face.ttf.getSubsetInternalName(subset, doc)
            if font != current_font:
                ops.append(f"{font} {_n(size)} Tf")
                current_font = font
            ops.extend(_positioned(glyphs[g:g + len(data)], codes[g:g + len(data)], data, scale, widths,
                                   default, size))
            g += len(data)
        if actual:
            ops.append("EMC")
        width = piece.width(size)
        if span.href:
            links.append(LinkBox(span.href, pen, baseline - line.descent, pen + width, baseline + line.ascent))
        pen += width
    ops.append("ET")
    return "\n".join(ops), _merge(links)


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
