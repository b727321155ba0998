"""Tables, figures and QR codes as flowables (the interface: typeset.blocks)."""
from __future__ import annotations

import math
from functools import lru_cache

from reportlab.graphics import renderPDF
from reportlab.lib.colors import HexColor
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable

from ..layout import MM
from ..tagging import ARTIFACT_BEGIN, ARTIFACT_END
from ..text.paragraph import TextBlock


# -- tables ----------------------------------------------------------------------
class Table(Flowable):
    """A header row and rows of wrapping text cells, with light rules. Tagged
    Table > TR > TH (Scope Column) / TD, in logical order whatever the direction;
    columns run right to left in a right-to-left edition. Splits between rows;
    the tail repeats the header as an Artifact."""

    def __init__(self, key, header: list[TextBlock], rows: list[list[TextBlock]], rtl: bool, colours: dict,
                 pad: float, repeat: list[TextBlock] | None = None, weights: list[float] | None = None):
        super().__init__()
        self.key, self.header, self.rows, self.rtl, self.colours, self.pad = key, header, rows, rtl, colours, pad
        self.repeat = repeat  # the header again, as an Artifact, on a continuation
        # Share the width by each column's longest text (square root: long cells wrap, short ones need not);
        # kept by both parts of a split, so that columns line up across pages.
        self.weights = weights or [math.sqrt(max(len(c.para.text) for c in col) + 4)
                                   for col in zip(*([header] + rows))]

    def _all_rows(self) -> list[list[TextBlock]]:
        return ([self.repeat] if self.repeat else [self.header] if self.header else []) + self.rows

    def _widths(self, width: float) -> list[float]:
        weights = self.weights
        floor = width / (len(weights) * 2.5)
        raw = [max(floor, width * w / sum(weights)) for w in weights]
        return [w * width / sum(raw) for w in raw]

    def _row_height(self, row: list[TextBlock], widths: list[float], avail: float) -> float:
        return max(c.wrap(w - 2 * self.pad, avail)[1] for c, w in zip(row, widths)) + 2 * self.pad

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        self.widths = self._widths(availWidth)
        self.heights = [self._row_height(r, self.widths, availHeight) for r in self._all_rows()]
        self.height = sum(self.heights)
        return availWidth, self.height

    def split(self, availWidth, availHeight):
        self.wrap(availWidth, availHeight)
        if self.height <= availHeight + 1e-6:
            return [self]
        head_rows = 1 if (self.header or self.repeat) else 0
        used, fit = sum(self.heights[:head_rows]), 0
        for h in self.heights[head_rows:]:
            if used + h > availHeight + 1e-6:
                break
            used, fit = used + h, fit + 1
        if fit == 0:
            return []
        repeat = [TextBlock(c.spans, c.language, c.rtl, c.style, "Artifact") for c in (self.header or self.repeat)]
        first = Table(self.key, self.header, self.rows[:fit], self.rtl, self.colours, self.pad, self.repeat,
                      self.weights)
        rest = Table(self.key, [], self.rows[fit:], self.rtl, self.colours, self.pad, repeat, self.weights)
        first.spaceBefore, rest.spaceAfter = self.getSpaceBefore(), self.getSpaceAfter()
        return [first, rest]

    def keep_height(self, width: float) -> float:
        self.wrap(width, 1e6)
        return sum(self.heights[:2])

    def cuts_words(self, width: float) -> bool:
        """Whether a cell at this table width holds a word wider than its column."""
        for col, w in zip(zip(*([self.header] + self.rows)), self._widths(width)):
            for cell in col:
                probe = TextBlock(cell.spans, cell.language, cell.rtl, cell.style)
                probe.lines_at(w - 2 * self.pad)
                if probe.overlong:
                    return True
        return False

    def texts(self) -> list[TextBlock]:
        return [c for row in ([self.header] + self.rows) for c in row]

    def draw(self):
        canv, tagger = self.canv, getattr(self.canv, "tagger", None)
        rows = self._all_rows()
        xs, x = [], 0.0
        for w in self.widths:
            xs.append(self.width - x - w if self.rtl else x)
            x += w
        canv._code.append(ARTIFACT_BEGIN)
        canv.saveState()
        if self.header or self.repeat:
            canv.setFillColor(HexColor(self.colours["table_header"]))
            canv.rect(0, self.height - self.heights[0], self.width, self.heights[0], stroke=0, fill=1)
        canv.setStrokeColor(HexColor(self.colours["table_rule"]))
        canv.setLineWidth(0.5)
        y = self.height
        for h in self.heights:
            canv.line(0, y, self.width, y)
            y -= h
        canv.line(0, y, self.width, y)
        canv.restoreState()
        canv._code.append(ARTIFACT_END)
        y = self.height
        for r, (row, h) in enumerate(zip(rows, self.heights)):
            y -= h
            header_row = r == 0 and bool(self.header)
            for c, (cell, cx, w) in enumerate(zip(row, xs, self.widths)):
                if tagger and cell.role != "Artifact":
                    table = tagger.element("Table", key=self.key)
                    tr = tagger.element("TR", key=cell.groups[-1][1], parent=table)
                    el = tagger.element(cell.role, key=cell.key, parent=tr, lang=cell.language)
                    if header_row:
                        el.attributes = {"O": "Table", "Scope": "Column"}
                cell.drawOn(canv, cx + self.pad, y + h - self.pad - cell.height)


def table(edition, block, st, make_text, colours: dict) -> Table:
    key = ("Table", block.id, edition.language_of(block.header[0])[0])
    cell_st = type(st)(**{**st.__dict__, "space_before": 0.0, "space_after": 0.0})
    head_st = type(st)(**{**cell_st.__dict__, "bold": True})
    header = [make_text(h, head_st, "TH", groups=(("Table", key), ("TR", (key, 0))), key=(key, 0, c))
              for c, h in enumerate(block.header)]
    rows = [[make_text(cell, cell_st, "TD", groups=(("Table", key), ("TR", (key, r))), key=(key, r, c))
             for c, cell in enumerate(row)] for r, row in enumerate(block.rows, 1)]
    rtl = edition.language_of(block.header[0])[1]
    out = Table(key, header, rows, rtl, colours, st.size * 0.35)
    out.spaceBefore, out.spaceAfter = st.space_after * 0.5, st.space_after * 1.5
    return out


# -- figures ---------------------------------------------------------------------
@lru_cache(maxsize=64)
def _svg(path: str):
    from svglib.svglib import svg2rlg

    from .. import fonts

    drawing = svg2rlg(path)
    if drawing is None:
        raise ValueError(f"{path}: not an SVG image svglib can read")
    # renderPDF sets a font on entry; ours is embedded, its default Helvetica is not
    drawing.initialFontName = fonts.face(fonts.families()[0].file(False, False)).name
    return drawing


def image_size(path: str) -> tuple[float, float]:
    if path.lower().endswith(".svg"):
        d = _svg(path)
        return d.width, d.height
    return ImageReader(path).getSize()


class Figure(Flowable):
    """An image (PNG, JPEG; SVG drawn as vectors by svglib), tagged as a Figure
    with its alternative text, or an Artifact when decorative. Centred on its
    column at `width` (points) or the column's width, never wider."""

    def __init__(self, path: str, alt: str | None, language: str, width: float | None, max_height: float):
        super().__init__()
        self.path, self.alt, self.language, self.wanted = path, alt, language, width
        self.natural = image_size(path)
        self.max_height = max_height  # a tall image is scaled to fit a page with room to spare

    def wrap(self, availWidth, availHeight):
        iw, ih = self.natural
        self.image_width = min(self.wanted or availWidth, availWidth, self.max_height * iw / ih)
        self.image_height = self.image_width * ih / iw
        self.width, self.height = availWidth, self.image_height
        return availWidth, self.height

    def keep_height(self, width: float) -> float:
        return self.wrap(width, 1e6)[1]

    def draw(self):
        canv, tagger = self.canv, getattr(self.canv, "tagger", None)
        if tagger and self.alt:
            canv._code.append(tagger.begin(tagger.element("Figure", key=self, alt=self.alt, lang=self.language)))
        else:
            canv._code.append(ARTIFACT_BEGIN)
        x = (self.width - self.image_width) / 2
        if self.path.lower().endswith(".svg"):
            d = _svg(self.path)
            canv.saveState()
            canv.translate(x, 0)
            canv.scale(self.image_width / d.width, self.image_height / d.height)
            renderPDF.draw(d, canv, 0, 0)
            canv.restoreState()
        else:
            # An ImageReader, not the path: ReportLab names the image by a digest of
            # what it is given, and a path would make the bytes depend on the folder.
            canv.drawImage(ImageReader(self.path), x, 0, self.image_width, self.image_height, mask="auto")
        canv._code.append("EMC")


# -- QR codes --------------------------------------------------------------------
class QRCode(Flowable):
    """A QR code (segno; error correction M; drawn as vector squares with a
    quiet zone) at the start edge, its caption and address beside it (under it
    when a part of the address is wider than the room beside). The code is a
    Figure whose alternative text names the address."""

    QUIET = 4  # modules of white border the standard asks for

    def __init__(self, url: str, size: float, alt: str, language: str, rtl: bool, texts: list[TextBlock],
                 gap: float):
        super().__init__()
        self.url, self.size, self.alt, self.language, self.rtl, self.lines = url, size, alt, language, rtl, texts
        self.gap = gap
        import segno  # only a leaflet with a QR code pays for importing it

        self.matrix = segno.make(url, error="m", micro=False).matrix

    def _beside(self, width: float) -> bool:
        """Whether the text fits beside the code: not if a word (a long address's
        part) is wider than the room there. Then it goes under the code."""
        room = width - self.size - self.gap
        for t in self.lines:
            probe = TextBlock(t.spans, t.language, t.rtl, t.style)
            probe.lines_at(room)
            if probe.overlong:
                return False
        return True

    def _text_width(self, width: float) -> float:
        return width - self.size - self.gap if self._beside(width) else width

    def texts(self) -> list[TextBlock]:
        return list(self.lines)

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        self.beside = self._beside(availWidth)
        self.text_heights = [t.wrap(self._text_width(availWidth), availHeight)[1] for t in self.lines]
        quiet = self.size * self.QUIET / (len(self.matrix) + 2 * self.QUIET)
        text = sum(self.text_heights)
        self.height = max(self.size, text + quiet) if self.beside else self.size + text
        return availWidth, self.height

    def keep_height(self, width: float) -> float:
        return self.wrap(width, 1e6)[1]

    def draw(self):
        canv, tagger = self.canv, getattr(self.canv, "tagger", None)
        if tagger:
            canv._code.append(tagger.begin(tagger.element("Figure", key=self, alt=self.alt, lang=self.language)))
        n = len(self.matrix) + 2 * self.QUIET
        module = self.size / n
        x0 = self.width - self.size if self.rtl else 0.0
        y0 = self.height - self.size
        canv.saveState()
        canv.setFillColor(HexColor("#FFFFFF"))
        canv.rect(x0, y0, self.size, self.size, stroke=0, fill=1)
        canv.setFillColor(HexColor("#000000"))
        path = canv.beginPath()
        for r, row in enumerate(self.matrix):
            for c, dark in enumerate(row):
                if dark:
                    path.rect(x0 + (c + self.QUIET) * module, y0 + self.size - (r + 1 + self.QUIET) * module,
                              module, module)
        canv.drawPath(path, stroke=0, fill=1)
        canv.restoreState()
        canv._code.append("EMC")
        # the quiet zone is part of the code: the text starts after it, level with the code's top
        tx = 0.0 if self.rtl or not self.beside else self.size + self.gap
        y = self.height - self.QUIET * module if self.beside else self.height - self.size
        for t, h in zip(self.lines, self.text_heights):
            y -= h
            t.drawOn(canv, tx, y)


def qr(edition, block, st, make_text, text) -> QRCode:
    from ..markup import Span

    language, rtl = edition.language, edition.rtl
    texts = []
    caption_st = type(st)(**{**st.__dict__, "space_before": 0.0, "space_after": 0.0})
    if block.caption:
        language, rtl = edition.language_of(block.caption)
        texts.append(make_text(block.caption, caption_st, "P"))
    texts.append(text((Span(block.label, href=block.url, kind="url"),), caption_st))
    alt = edition.labels.qr_code.format(address=block.label)
    out = QRCode(block.url, block.size_mm * MM, alt, edition.language, rtl, texts, st.size)
    out.spaceBefore, out.spaceAfter = st.space_after * 0.5, st.space_after * 1.5
    return out
