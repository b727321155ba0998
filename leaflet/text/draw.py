"""Drawing shaped lines into a ReportLab canvas as PDF text operators.

Each glyph is placed where HarfBuzz put it: advances and x offsets become TJ
adjustments, y offsets (Arabic marks, Nastaliq's cascade) become text rise,
and the pen runs on across ReportLab's 256-glyph subsets. ReportLab's TTFont
embeds the subsets; every glyph's code maps in ToUnicode to the characters its
cluster stands for (the other glyphs of a cluster map to ZWJ).

A line is written left to right, because that is what text extractors expect
(measured with tools/text_recall.py): poppler and PDFium put a line's glyphs
in x order and reverse its right-to-left runs. Left-to-right text whose glyphs
do not spell it (conjuncts, split vowels) carries /ActualText. Right-to-left
text carries one /ActualText per run of letters, in visual order, so that the
extractors' reversal gives the reading order back; the structure element of
each right-to-left run (a Span) carries its text in reading order, which is
what screen readers use. Marked content (MCIDs) is opened in reading order.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from .. import fonts as fonts_
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
    belongs to, `marks.begin(owner)` opens marked content owned by it, and
    `marks.reading(owner, text)` makes a child of it whose text is `text`."""
    units = _units(_placed(line, x, size), spans, marks, {id(p) for p in line.tail} if line.rtl else set())
    opener = {}
    if marks:  # MCIDs, and the elements they need, are made in reading order
        for unit in sorted(units, key=lambda u: min(p.start for p, _ in u)):
            who = marks.owner(spans[unit[0][0].item.span])
            if unit[0][0].rtl:  # screen readers get the logical text from the structure
                who = marks.reading(who, _logical(unit))
            opener[id(unit)] = marks.begin(who)
    ops, links, state = ["BT"], [], {}
    for unit in units:  # visual order: left to right, as extractors expect
        if id(unit) in opener:
            ops.append(opener[id(unit)])
        body, readable, held = [], [], ([], "")
        for piece, left in unit:
            span = spans[piece.item.span]
            runs = _piece_ops(canv, piece, left, baseline, size, fill_for(span), state)
            if span.href:
                links.append(LinkBox(span.href, span.text, left, baseline - line.descent,
                                     left + piece.width(size), baseline + line.ascent))
            if not piece.rtl:
                body += [o for run, _ in runs for o in run]
                readable += [t for _, t in runs]
            elif piece.space:  # drawn inside the next run's /ActualText: PDFium drops a lone space
                held = (held[0] + runs[0][0], held[1] + runs[0][1])
            else:
                for run, text in runs:
                    body += [f"/Span <</ActualText {utf16_hex(held[1] + text)}>> BDC", *held[0], *run, "EMC"]
                    held = ([], "")
        body += held[0]
        if not unit[0][0].rtl:
            seen = "".join(p.text for p, _ in unit)
            if line.rtl and any(c.isdigit() for c in seen):
                # Numbers inside right-to-left text: extractors apply the bidi rules to
                # what they read, which reverse "020 8547 6111" group by group unless
                # the groups are joined by no-break spaces (a common separator, UAX #9 W4).
                seen = seen.replace(" ", "\u00a0")
            if "".join(readable) != seen:
                body = [f"/Span <</ActualText {utf16_hex(seen)}>> BDC", *body, "EMC"]
        ops += body
        if id(unit) in opener:
            ops.append("EMC")
    ops.append("ET")
    return "\n".join(ops), _merge(links)


def _logical(unit) -> str:
    return "".join(p.text for p, _ in sorted(unit, key=lambda u: u[0].start))


def _units(placed, spans, marks, tail: set) -> list[list[tuple[Piece, float]]]:
    """Visually adjacent pieces of one structure owner and one direction (the
    spaces a right-to-left line broke at, drawn at its left, are a unit of
    their own: they read after its text).

    Glyphs go left to right: poppler and PDFium read a line's glyphs that
    way and reverse its right-to-left runs (measured with tools/text_recall.py).
    A left-to-right unit whose glyphs do not spell its text carries /ActualText.
    A right-to-left unit carries one /ActualText per run of letters, in visual
    order, which both turn back into reading order like glyphs; its structure
    element (`marks.reading`) has the text in reading order for screen readers."""
    out: list[list] = []
    last = None
    for piece, left in placed:
        span = spans[piece.item.span]
        key = (marks.group(span) if marks else None, piece.rtl, id(piece) in tail)
        if out and key == last:
            out[-1].append((piece, left))
        else:
            out.append([(piece, left)])
            last = key
    return out


def _placed(line: Line, x: float, size: float) -> list[tuple[Piece, float]]:
    """Every piece with its left edge, left to right. The spaces the line broke
    at go past its end edge (left of a right-to-left line): nothing shows, and
    the text reads "a b", not "ab"."""
    out, pen = [], x
    for piece in line.pieces:
        out.append((piece, pen))
        pen += piece.width(size)
    if not line.tail:
        return out
    tail_width = sum(p.width(size) for p in line.tail)
    start = x - tail_width if line.rtl else pen
    tail = []
    for piece in (reversed(line.tail) if line.rtl else line.tail):
        tail.append((piece, start))
        start += piece.width(size)
    return tail + out if line.rtl else out + tail


def _piece_ops(canv, piece: Piece, x: float, baseline: float, size: float, fill: str,
               state: dict) -> list[tuple[list[str], str]]:
    """The operators drawing one piece, cut into runs (one for a left-to-right
    piece), each with what it reads as: its glyphs' ToUnicode text in stream
    order, or for a right-to-left run, its text in visual order."""
    out: list[tuple[list[str], str]] = []
    ops: list[str] = []
    if state.get("fill") != fill:
        ops.append(fill)
        state["fill"] = fill
    line_x = state.get("line_x")  # the text line matrix's x as a viewer has it (rounded as written)
    if line_x is None:
        ops.append(f"1 0 0 1 {_n(x)} {_n(baseline)} Tm")
        state["line_x"] = float(_n(x))
    else:  # a move from the previous piece's start: shorter than a matrix, and no rounding drift
        step = _n(x - line_x)
        ops.append(f"{step} 0 Td")
        state["line_x"] = line_x + float(step)
    program, texts = _glyph_program(canv, piece, size)
    for item in program:
        if item is CUT:
            out.append((ops, texts[len(out)]))
            ops = []
        elif isinstance(item, tuple):  # a subset font
            if state.get("font") != item:
                ops.append(f"{item[0]} {_n(item[1])} Tf")
                state["font"] = item
        else:
            ops.append(item)
    out.append((ops, texts[len(out)]))
    return out


CUT = object()  # in a glyph program: where one right-to-left run ends and the next begins


def _glyph_program(canv, piece: Piece, size: float) -> tuple[list, list[str]]:
    """The operators drawing a piece's glyphs where HarfBuzz put them, with
    (subset font, size) items where the font changes and CUT between runs,
    and the text of each run (see `_piece_ops`). The same word recurs often:
    kept per document (subset codes are the document's), per shaped text and size."""
    cache = canv.__dict__.setdefault("_leaflet_glyphs", {})
    key = (id(piece.shaped), piece.item.face.name, piece.text, size)
    if key not in cache:
        face = piece.item.face
        glyphs = piece.shaped.glyphs
        texts = glyph_texts(piece.text, glyphs)
        texts = [t if t is not None else fonts_.NOTHING for t in texts]  # the extra glyphs of a cluster
        codes = [face.code_for(g.gid, t) for g, t in zip(glyphs, texts)]
        fonts, data = [], b""
        for subset, part in face.ttf.splitString("".join(map(chr, codes)), canv._doc):
            fonts.extend([face.ttf.getSubsetInternalName(subset, canv._doc)] * len(part))
            data += part
        order = _stream_order(piece.text, glyphs, piece.rtl)
        if piece.rtl:
            runs = _rtl_runs(piece.text, glyphs, order)
            read = [_run_text(piece.text, glyphs, run)[::-1] for run in runs]
        else:
            runs = [order]
            read = ["".join(face.text_of(codes[i]) for i in order)]
        # drawn at the face's optical scale (fonts.yaml): Tf and rises at scale x size
        cache[key] = (_positioned(glyphs, codes, data, fonts, runs, face, size * face.scale), read)
    return cache[key]


def _rtl_runs(text: str, glyphs, order: list[int]) -> list[list[int]]:
    """A right-to-left piece's glyphs (stream order) cut where letters meet
    neutral characters (punctuation). Each run goes in its own
    /ActualText: PDFium reverses the right-to-left letters inside one in place,
    poppler reverses the whole line, and the two agree only on a run of one kind."""
    def strong(i: int) -> bool:
        c = glyphs[i].cluster
        while c > 0 and unicodedata.category(text[c]).startswith("M"):
            c -= 1  # a mark goes with its base
        return unicodedata.bidirectional(text[c]) in ("R", "AL", "BN")  # ZWNJ stays in its word

    runs: list[list[int]] = []
    for i in order:
        if runs and strong(runs[-1][-1]) == strong(i):
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _run_text(text: str, glyphs, run: list[int]) -> str:
    """The run's characters in reading order. Without ZWNJ/ZWJ: inside one
    /ActualText PDFium takes them for neutrals and swaps the word's parts
    around them; "سازمانها" is a spelling readers search for, "ها‌سازمان" is not.
    (The structure's /ActualText keeps them, for screen readers.)"""
    starts = sorted({g.cluster for g in glyphs})
    ends = dict(zip(starts, starts[1:] + [len(text)]))
    out = "".join(text[c:ends[c]] for c in sorted({glyphs[i].cluster for i in run}))
    return out.replace("\u200c", "").replace("\u200d", "")


def _stream_order(text: str, glyphs, rtl: bool) -> list[int]:
    """The order glyphs are written in. HarfBuzz gives visual order, which is
    what extractors (poppler, PDFium, pdf.js) expect: they put a line's glyphs
    left to right and reverse its right-to-left runs. A mark must then follow
    its base in the stream, as in logical order, or it reads before it; so a
    right-to-left piece is written base by base from the left, each base
    followed by its own marks and extra glyphs."""
    if not rtl:
        return list(range(len(glyphs)))
    base = {}
    for c in sorted({g.cluster for g in glyphs}):
        is_mark = c < len(text) and unicodedata.category(text[c]).startswith("M")
        base[c] = base[max(base)] if is_mark and base else c
    left = {}  # where each base starts, left to right
    for i, g in enumerate(glyphs):
        left.setdefault(base[g.cluster], i)
    return sorted(range(len(glyphs)), key=lambda i: (left[base[glyphs[i].cluster]], glyphs[i].cluster, -i))


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


def _positioned(glyphs, codes, data: bytes, fonts: list[str], runs: list[list[int]],
                face, size: float) -> list:
    """TJ arrays (and Ts rises) drawing `glyphs`, run after run in stream order, each
    at the place HarfBuzz gave it.

    Units: thousandths of an em, as TJ counts them. `cur` is where the PDF's own
    advance has left the pen. It runs on across a change of subset font or a
    marked-content boundary: Tf and BDC keep the text position, so a word
    whose glyphs fall into two subsets is drawn as one. `moved` is how far the
    pen goes as a viewer computes it (the adjustments as written, rounded), so
    that the next piece can run on from it without drifting."""
    scale = 1000 / face.upem
    widths, default = face.ttf.face.charWidths, face.ttf.face.defaultWidth
    where, pen = [], 0.0
    for g in glyphs:
        where.append((pen + g.x_offset * scale, g.y_offset * scale))
        pen += g.x_advance * scale
    out: list = []
    tj: list[str] = []  # the TJ array's items
    run: list[int] = []  # codes of the hex string being written (one per run of glyphs)
    cur = rise = 0.0
    font = None

    def close():
        if run:
            tj.append(f"<{bytes(run).hex().upper()}>")
            run.clear()

    def flush():
        close()
        if tj:
            out.append(f"[{''.join(tj)}] TJ")
            tj.clear()

    for i in (i for run in runs for i in (run if run is runs[0] else [CUT, *run])):
        if i is CUT:
            flush()
            out.append(CUT)
            continue
        if fonts[i] != font:
            flush()
            out.append((fonts[i], size))
            font = fonts[i]
        target, y = where[i]
        if y != rise:
            flush()
            out.append(f"{_n(y * size / 1000)} Ts")
            rise = y
        if abs(target - cur) > 0.005:
            close()
            tj.append(f" {_n(cur - target)} ")
            cur = target
        run.append(data[i])
        cur += widths.get(codes[i], default)
    flush()
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
