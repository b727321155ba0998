"""Drawing shaped lines into a ReportLab canvas as PDF text operators.

Each glyph is placed where HarfBuzz put it: advances and x offsets become TJ
adjustments, y offsets (Arabic marks, Nastaliq's descending joins) become text
rise. ReportLab's TTFont embeds the subset and writes widths and ToUnicode.

A line's pieces are laid out in visual order but written to the content
stream in logical order (each piece carries its own position), so the stream
reads like the text: a tagged PDF's marked content, and the structure built on
it, follow the sentence even in right-to-left lines. The line is cut into
segments, one per structure owner (the paragraph, or a link inside it); a
segment whose glyphs do not spell its text (ligatures, conjuncts, joining
forms, any right-to-left run) carries /ActualText with its logical text.
"""
from __future__ import annotations

from dataclasses import dataclass

from .lines import Line, Piece


@dataclass(frozen=True)
class LinkBox:
    href: str
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


def line_ops(canv, line: Line, spans, x: float, baseline: float, size: float, fill_for,
             marks=None) -> tuple[str, list[LinkBox]]:
    """PDF operators for one line at (x, baseline), and the boxes of its links.

    `fill_for(span)` gives the fill colour operator for a span's text. In a
    tagged document `marks.owner(span)` names the structure element a span
    belongs to and `marks.begin(owner)` opens marked content owned by it."""
    left, pen = {}, x
    for piece in line.pieces:  # visual order: where each piece goes
        left[id(piece)] = pen
        pen += piece.width(size)
    end = x - sum(p.width(size) for p in line.tail) if line.rtl else pen
    for piece in line.tail:  # past the line's end edge: nothing shows, the word space is in the text
        left[id(piece)] = end
        end += piece.width(size)
    logical = sorted(line.pieces + line.tail, key=lambda p: p.start)
    ops, links, state = ["BT"], [], {}
    for segment, who in _segments(logical, spans, marks):
        opener = marks.begin(who) if marks and who is not None else None
        text = "".join(p.text for p in segment)
        body, readable = [], []
        for piece in segment:
            span = spans[piece.item.span]
            readable.append(_piece_ops(canv, piece, left[id(piece)], baseline, size, fill_for(span), body, state))
            if span.href:
                links.append(LinkBox(span.href, span.text, left[id(piece)], baseline - line.descent,
                                     left[id(piece)] + piece.width(size), baseline + line.ascent))
        actual = any(p.rtl for p in segment) or "".join(readable) != text
        if opener:
            ops.append(opener)
        if actual:
            ops.append(f"/Span <</ActualText {utf16_hex(text)}>> BDC")
        ops.extend(body)
        if actual:
            ops.append("EMC")
        if opener:
            ops.append("EMC")
    ops.append("ET")
    return "\n".join(ops), _merge(links)


def _segments(logical: list[Piece], spans, marks):
    """Runs of pieces (logical order) that belong to one structure owner."""
    out: list[tuple[list[Piece], object]] = []
    for piece in logical:
        who = marks.owner(spans[piece.item.span]) if marks else None
        if out and out[-1][1] is who:
            out[-1][0].append(piece)
        else:
            out.append(([piece], who))
    return out


def _piece_ops(canv, piece: Piece, x: float, baseline: float, size: float, fill: str, ops: list,
               state: dict) -> str:
    """Append the operators drawing one piece; return what its glyphs read as (logical order)."""
    if state.get("fill") != fill:
        ops.append(fill)
        state["fill"] = fill
    ops.append(f"1 0 0 1 {_n(x)} {_n(baseline)} Tm")
    runs, readable = _glyph_program(canv, piece, size)
    for font, run in runs:
        if state.get("font") != (font, size):
            ops.append(f"{font} {_n(size)} Tf")
            state["font"] = (font, size)
        ops.extend(run)
    return readable


def _glyph_program(canv, piece: Piece, size: float):
    """The positioned glyph operators of a piece, per subset font, and what they
    read as. The same word recurs often: kept per document (subset codes are
    the document's), per shaped text and size."""
    cache = canv.__dict__.setdefault("_leaflet_glyphs", {})
    key = (id(piece.shaped), piece.item.face.name, piece.text, size)
    if key in cache:
        return cache[key]
    face = piece.item.face
    glyphs = piece.shaped.glyphs
    texts = glyph_texts(piece.text, glyphs)
    codes = [face.code_for(g.gid, t) for g, t in zip(glyphs, texts)]
    readable = [face.text_of(c) for c in codes]
    if piece.rtl:
        readable.reverse()
    scale = 1000 / face.upem
    widths, default = face.ttf.face.charWidths, face.ttf.face.defaultWidth
    runs, g = [], 0
    for subset, data in face.ttf.splitString("".join(map(chr, codes)), canv._doc):
        runs.append((face.ttf.getSubsetInternalName(subset, canv._doc),
                     _positioned(glyphs[g:g + len(data)], codes[g:g + len(data)], data, scale, widths, default,
                                 size)))
        g += len(data)
    cache[key] = result = (runs, "".join(readable))
    return result


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
    for box in sorted(links, key=lambda b: b.x0):
        if out and out[-1].href == box.href and abs(out[-1].x1 - box.x0) < 0.01:
            prev = out[-1]
            out[-1] = LinkBox(box.href, prev.text, prev.x0, min(prev.y0, box.y0), box.x1, max(prev.y1, box.y1))
        else:
            out.append(box)
    return out


def utf16_hex(text: str) -> str:
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def _n(v: float) -> str:
    s = f"{v:.3f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s
