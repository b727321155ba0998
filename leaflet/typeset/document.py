"""Pages: the A5 page templates (front, inner left/right, back) and the screen PDF.

Page 1 is the front, pages 2..n-1 carry the questions, page n the back; n is
a multiple of four so that the folded sheets read 1..n.
"""
from __future__ import annotations

import io
import zlib
from dataclasses import replace

from reportlab import rl_config
from reportlab.lib.colors import HexColor
from reportlab.pdfbase import pdfdoc
from reportlab.platypus import ActionFlowable, BaseDocTemplate, Flowable, Frame, PageTemplate
from reportlab.platypus.doctemplate import FrameBreak, NextPageTemplate, PageBreak

from .. import fonts
from ..edition import Edition
from ..layout import MM, Layout
from ..markup import Span
from ..tagging import ARTIFACT_BEGIN, ARTIFACT_END, TaggedCanvas, Tagger
from ..text.paragraph import TextBlock
from . import fit
from .fit import Foot, height_of
from .story import Panels, band_height, style


# ReportLab wraps streams in ASCII85 by default: 25% larger files, and slow in
# pure Python. PDF files are binary-safe; families' mail is not slowed by it.
rl_config.useA85 = 0


def _flate(text) -> bytes:
    """ReportLab's stream filter at zlib's best level: 1 % smaller streams for a
    millisecond a file (ReportLab uses the default level, 6)."""
    return zlib.compress(text.encode("utf-8") if isinstance(text, str) else text, 9)


pdfdoc.PDFZCompress.encode = _flate


class TooLong(Exception):
    """The questions need more inner pages than this page count has."""


class ToLastPage(ActionFlowable):
    """Marks the end of the questions: `LeafletDocument.handle_flowable` turns
    it into a break to the back page if they ended on an inner page (with a
    Notes page for each inner page left over, which the fit avoids), or
    nothing if they flowed on to the back page. `panel` is the back panel's
    height: it is set at the foot of the back page, below the questions."""

    def __init__(self, pages: int, panel: float = 0.0):
        super().__init__()
        self.pages, self.panel = pages, panel


class StartHalf(ActionFlowable):
    """Starts a leaflet (or, in a flip edition, one language's half of it):
    its pages run from `first` to `last`, its page furniture is `edition`'s."""

    def __init__(self, edition: Edition, first: int, last: int):
        super().__init__()
        self.edition, self.first, self.last = edition, first, last

    def apply(self, doc):
        doc.half = self


class NotesPage(Flowable):
    """A page left for the reader's notes and questions: a heading and light rules."""

    def __init__(self, edition: Edition, layout: Layout):
        super().__init__()
        self.layout = layout
        # An Artifact, like the rules: a space to write in is not content, and a
        # heading here would be read out just before the contact details.
        self.heading = TextBlock((Span(edition.labels.notes),), edition.language, edition.rtl,
                                 style(layout, "question"), role="Artifact")

    def wrap(self, availWidth, availHeight):
        self.width, self.height = availWidth, availHeight
        self.heading_height = self.heading.wrap(availWidth, availHeight)[1]
        return availWidth, availHeight

    def draw(self):
        canv = self.canv
        self.heading.drawOn(canv, 0, self.height - self.heading_height)
        step = self.layout.style("body").size * 2.4
        canv._code.append(ARTIFACT_BEGIN)
        canv.saveState()
        canv.setStrokeColor(HexColor(self.layout.colours["rule"]))
        canv.setLineWidth(0.4)
        y = self.height - self.heading_height - step
        while y > 0:
            canv.line(0, y, self.width, y)
            y -= step
        canv.restoreState()
        canv._code.append(ARTIFACT_END)


def cover(layout: Layout, edition: Edition, stacked: Edition | None = None,
          footers: tuple[Edition, ...] = ()) -> Layout:
    """The layout with its band proportioned to this edition's title block
    (`stacked`: a bilingual cover with both titles), and its text frames
    ending above the tallest footer line set on its pages (`footers`: the
    editions whose furniture a page may carry, a flip edition's two)."""
    width = layout.width - layout.margin_inside - layout.margin_outside
    most = layout.page_most  # the footer's figures differ from page to page, not their height
    tallest = max(footer(e, layout, most, most).wrap(width, layout.height)[1]
                  for e in (edition, stacked, *footers) if e is not None)
    return replace(layout, band_height=band_height(edition, layout, stacked),
                   footer_clear=footer_bottom(layout, tallest) + tallest)


FOOTER_BASE = 0.45  # a footer's line box starts this share of the bottom margin above the page's edge,
EDGE = 5 * MM  # or lower when it is tall (a Nastaliq line box is 2.5 em), to an office printer's blank edge


def footer_bottom(layout: Layout, height: float) -> float:
    """Where a footer line box `height` tall starts: as low as it must for its
    top to stay in the bottom margin, down to the edge; the frames end above it."""
    return min(FOOTER_BASE * layout.margin_bottom, max(EDGE, layout.margin_bottom - height))


def footer(edition: Edition, layout: Layout, page: int, pages: int) -> TextBlock:
    """The page footer: the title and "page n of m", in the edition's language."""
    text = f"{_plain(edition.leaflet.title.spans)} \u00b7 {edition.labels.page_of(page, pages)}"
    return TextBlock((Span(text),), edition.language, edition.rtl, style(layout, "footer"), role="Artifact")


class LeafletDocument(BaseDocTemplate):
    def __init__(self, buf, edition: Edition, layout: Layout, pages: int, second: Edition | None = None,
                 stacked: bool = False):
        leaflet = edition.leaflet
        layout = cover(layout, edition, second if stacked else None, (second,) if second else ())  # flip: both halves
        title, subject = _plain(leaflet.title.spans), _plain(leaflet.subtitle.spans)
        if second is not None:  # bilingual: both languages' titles, the first-read one first
            title += " / " + _plain(second.leaflet.title.spans)
            subject += " / " + _plain(second.leaflet.subtitle.spans)
        super().__init__(
            buf, pagesize=(layout.width, layout.height), title=title,
            author=leaflet.organisation, subject=subject, creator="leaflet",
            producer="leaflet (ReportLab)", lang=edition.language, displayDocTitle=1, invariant=1,
            initialFontName=fonts.face(fonts.families()[0].file(False, False)).name,
            leftMargin=0, rightMargin=0, topMargin=0, bottomMargin=0)
        self.edition, self.layout, self.pages = edition, layout, pages
        self.half = StartHalf(edition, 1, pages)
        self.addPageTemplates(self._templates())
        self._emptyPagesAllowed = pages  # blank inner pages are wanted in grown leaflets

    # Which side a page is on decides its inside margin: odd pages are
    # right-hand pages (inside edge on the left), even pages left-hand.
    def _frame(self, page_parity: int, name: str, top: float | None = None, bottom: float | None = None) -> Frame:
        L = self.layout
        left = L.margin_inside if page_parity == 1 else L.margin_outside
        right = L.margin_outside if page_parity == 1 else L.margin_inside
        y0 = L.text_bottom if bottom is None else bottom
        y1 = L.height - L.margin_top if top is None else top
        return Frame(left, y0, L.width - left - right, y1 - y0, 0, 0, 0, 0, id=name, showBoundary=0)

    def _templates(self) -> list[PageTemplate]:
        L = self.layout
        band_bottom = L.height - L.band_height
        return [
            PageTemplate("front", [self._frame(1, "band", bottom=band_bottom + L.margin_bottom * 0.8),
                                   self._frame(1, "wordmarks", top=band_bottom - L.margin_top,
                                               bottom=L.margin_bottom)],  # the cover has no footer
                         onPage=self._front_page),
            PageTemplate("inner-even", [self._frame(0, "faq-even")], onPage=self._check_room, onPageEnd=self._footer),
            PageTemplate("inner-odd", [self._frame(1, "faq-odd")], onPage=self._check_room, onPageEnd=self._footer),
            PageTemplate("back", [self._frame(0, "back")]),
        ]

    def frame_sizes(self) -> dict[str, tuple[float, float]]:
        return {f.id: (f._width, f._height) for t in self.pageTemplates for f in t.frames}

    def handle_documentBegin(self):
        self.canv.tagger = Tagger(self.edition.language, self.edition.leaflet.language)
        if self.edition.rtl:  # two-page view shows a right-to-left leaflet's spreads right page first
            self.canv.setViewerPreference("Direction", "R2L")
        super().handle_documentBegin()

    def _front_page(self, canv, doc) -> None:
        L = self.layout

        def band():
            canv.saveState()
            canv.setFillColor(HexColor(L.colours["band"]))
            # a press file's band runs into the bleed; elsewhere it keeps clear of the unprintable edge
            m = -L.bleed if L.bleed else L.band_margin
            canv.rect(m, L.height - L.band_height, L.width - 2 * m, L.band_height - m, stroke=0, fill=1)
            canv.restoreState()

        canv.artifact(band)
        canv.showOutline()

    def _check_room(self, canv, doc) -> None:
        if doc.page > self.half.last - 1:
            raise TooLong()  # an inner page where the back page should be: try smaller or longer
        if doc.page == self.half.last - 1:
            doc.handle_nextPageTemplate("back")  # the questions may flow on to the back page

    def _footer(self, canv, doc) -> None:
        # Drawn at the end of the page, so the content stream keeps reading order.
        L, half = self.layout, self.half
        x, width = self._footer_box(doc)
        block = footer(half.edition, L, doc.page - half.first + 1, half.last - half.first + 1)
        _, height = block.wrap(width, L.margin_bottom)
        canv.saveState()
        block.drawOn(canv, x, footer_bottom(L, height))  # the frames end above it: cover()
        canv.restoreState()

    def _footer_box(self, doc) -> tuple[float, float]:
        """(x, width) of the page footer: the page's text frame."""
        frame = doc.pageTemplate.frames[0]
        return frame._x1, frame._width

    def handle_flowable(self, flowables):
        head = flowables[0] if flowables else None
        if isinstance(head, ToLastPage):
            if self.page > head.pages:
                raise TooLong()
            notes = []
            for _ in range(head.pages - 1 - self.page):  # inner pages to spare: for the reader's notes
                notes += [PageBreak(), NotesPage(self.half.edition, self.layout)]
            to_back = [NextPageTemplate("back"), PageBreak()] if self.page < head.pages else []
            flowables[0:1] = notes + to_back + [Foot(head.panel)]
        return super().handle_flowable(flowables)


def story(edition: Edition, panels: Panels, first: int, last: int, back_frame: tuple[float, float],
          band: tuple[float, float], rise: float = 0.0) -> list:
    """One leaflet's flowables, on pages first..last (a flip edition has two).
    The title block stands `rise` of the band's spare height above its lower
    edge; above it, room for a logo."""
    panel = height_of(panels.back, *back_frame)
    return [StartHalf(edition, first, last), *fit.to_bottom(panels.band, band, rise), FrameBreak(), *panels.wordmarks,
            NextPageTemplate(["inner-even", "inner-odd"]), FrameBreak(),
            *panels.faq, ToLastPage(last, panel), *panels.back]


def render(edition: Edition, layout: Layout, panels: Panels, pages: int) -> bytes:
    return render_halves(layout, [(edition, panels)], pages)


def render_halves(layout: Layout, halves: list, pages: int, stacked: Edition | None = None) -> bytes:
    """Render one leaflet, or a flip edition's two halves of pages/2 each
    (`stacked`: the second language of a cover with both titles)."""
    buf = io.BytesIO()
    first = halves[0][0]
    second = stacked or (halves[1][0] if len(halves) > 1 else None)
    doc = LeafletDocument(buf, first, layout, pages, second, stacked=stacked is not None)
    band = doc.frame_sizes()["band"]
    each = pages // len(halves)
    back_frame = doc.frame_sizes()["back"]
    flowables = []
    for i, (edition, panels) in enumerate(halves):
        if i:
            flowables += [NextPageTemplate("front"), PageBreak()]
        flowables += story(edition, panels, i * each + 1, (i + 1) * each, back_frame, band, layout.title_rise)
    doc.build(flowables, canvasmaker=TaggedCanvas)
    if doc.page != pages:
        raise TooLong()
    return buf.getvalue()


def frame_sizes(edition: Edition, layout: Layout, stacked: Edition | None = None) -> dict[str, tuple[float, float]]:
    return LeafletDocument(io.BytesIO(), edition, layout, 4, stacked, stacked=stacked is not None).frame_sizes()


def _plain(spans) -> str:
    return "".join(s.text for s in spans)
