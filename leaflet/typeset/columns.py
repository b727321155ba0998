"""Pages in columns: layouts whose questions share page 1 with the band
(`front: top`), flow over several columns (`columns:`) and end above a back
panel set across the foot of the last page (`back: foot`).

Page 1 has the band across its top and the columns below it (or, with
`front: first`, the band and the cover's foot panel, as a folded leaflet);
pages 2..n-1 are columns from margin to margin; page n has the columns
above the back panel, which is set in the same columns at the page's foot,
as short as its content allows (balanced over the columns). Frames are
filled in reading order: the first column is the left-hand one, or the
right-hand one in a right-to-left edition, so the structure tree and the
extracted text read band, column 1, column 2, page 2...

The fit is the single-column one: one body size, the largest of the layout's
sizes at which the questions fill the frames of the fewest pages (bisection),
the leaflet growing by the layout's page step only when even the minimum
does not fit.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Callable

from reportlab.lib.colors import HexColor
from reportlab.platypus import ActionFlowable, Frame, PageTemplate
from reportlab.platypus.doctemplate import FrameBreak, NextFrameFlowable, PageBreak

from ..edition import Edition
from ..errors import LeafletError
from ..layout import MM, Layout
from ..tagging import TaggedCanvas
from . import backmatter, bilingual, document, fit, flow, story
from .backmatter import BackMatter
from .pairs import GUTTER, combine
from .story import Panels
from .unbroken import unbroken

Box = tuple[float, float, float, float]  # x, y, width, height


@dataclass(frozen=True)
class Grid:
    """The frames of a column layout, for one edition's cover (`layout` has
    its band proportioned to the title: document.cover)."""
    layout: Layout
    count: int  # columns: the layout's, or 1 (a parallel bilingual form makes its own two)
    rtl: bool

    def left(self, page: int) -> float:
        # odd pages are right-hand pages, inside edge on the left, as in a folded leaflet
        return self.layout.margin_inside if page % 2 else self.layout.margin_outside

    @property
    def text_width(self) -> float:
        L = self.layout
        return L.width - L.margin_inside - L.margin_outside

    @property
    def gutter(self) -> float:
        return self.layout.gutter if self.count > 1 else 0.0

    @property
    def column(self) -> float:
        return (self.text_width - (self.count - 1) * self.gutter) / self.count

    @property
    def full(self) -> float:
        """A column's height on a page of columns only."""
        L = self.layout
        return L.height - L.margin_top - L.text_bottom

    @property
    def band_bottom(self) -> float:
        return self.layout.height - self.layout.band_height

    def band(self) -> Box:
        L = self.layout
        y0 = self.band_bottom + L.margin_bottom * 0.8
        return self.left(1), y0, self.text_width, L.height - L.margin_top - y0

    def below_band(self) -> Box:
        """Page 1 below the band: the columns' (front: top) or the foot panel's frame."""
        L = self.layout
        return self.left(1), L.margin_bottom, self.text_width, self.band_bottom - L.margin_top - L.margin_bottom

    def columns(self, page: int, bottom: float, top: float) -> list[Box]:
        """The columns between `bottom` and `top`, in reading order."""
        xs = [self.left(page) + i * (self.column + self.gutter) for i in range(self.count)]
        return [(x, bottom, self.column, top - bottom) for x in (xs[::-1] if self.rtl else xs)]

    def panel_gap(self) -> float:
        """Between the questions and the back panel: the gutter, or the band's gap below it."""
        return self.layout.gutter or self.layout.margin_top

    def question_area(self, page: int, pages: int, panel: float,
                      balance: float | None = None) -> tuple[float, float] | None:
        """(bottom, top) of the questions' columns on `page` of `pages`, None if it
        has none; `balance`: the last page's columns only this tall (see `balanced`)."""
        L = self.layout
        top = L.height - L.margin_top
        bottom = L.text_bottom
        if page == 1:
            if L.front_place != "top":
                return None
            top = self.band_bottom - L.margin_top
        if page == pages:
            bottom = L.text_bottom + panel + self.panel_gap()
            if balance is not None:
                bottom = max(bottom, top - balance)
        # fewer than two lines of room: the page is the panel's alone
        return (bottom, top) if top - bottom >= 2 * L.style("body").size * L.style("body").leading else None

    def question_frames(self, pages: int, panel: float, balance: float | None = None) -> list[tuple[float, float]]:
        out = []
        for page in range(1, pages + 1):
            area = self.question_area(page, pages, panel, balance)
            if area:
                out += [(w, h) for _, _, w, h in self.columns(page, *area)]
        return out

    def panel_height(self, back: list) -> float | None:
        """The least height in which the back panel fits its columns (so it
        balances over them), or None if it does not fit even a whole page's."""
        def fits(height: float) -> bool:
            try:
                return flow.frames_needed(back, [(self.column, height)] * self.count) <= self.count
            except flow.DoesNotFit:
                return False

        if not fits(self.full):
            return None
        lo, hi = 0.0, self.full
        while hi - lo > 0.5:
            mid = (lo + hi) / 2
            lo, hi = (lo, mid) if fits(mid) else (mid, hi)
        return hi

    def balanced(self, faq: list, pages: int, panel: float) -> float | None:
        """The least height of the last page's question columns that still
        holds the questions' end, so that they end level across the columns
        (not one full column and a line in the next), or None when they do not
        reach the last page's columns or there is one column."""
        frames = self.question_frames(pages, panel)
        area = self.question_area(pages, pages, panel)
        if self.count < 2 or area is None:
            return None
        before = len(frames) - self.count

        def fits(height: float) -> bool:
            try:
                return flow.frames_needed(faq, frames[:before] + [(self.column, height)] * self.count) <= len(frames)
            except flow.DoesNotFit:
                return False

        full = area[1] - area[0]
        if fits(0.0) or not fits(full):
            return None
        lo, hi = 0.0, full
        while hi - lo > 0.5:
            mid = (lo + hi) / 2
            lo, hi = (lo, mid) if fits(mid) else (mid, hi)
        return hi + 1.0  # a point to spare: the counted flow and the drawn one may differ by rounding

    def fits(self, panels: Panels, pages: int) -> bool:
        panel = self.panel_height(panels.back)
        if panel is None:
            return False
        frames = self.question_frames(pages, panel)
        try:
            return flow.frames_needed(panels.faq, frames) <= len(frames)
        except flow.DoesNotFit:
            return False


class ToBack(ActionFlowable):
    """The end of the questions: on to the back panel's first column on the last page."""


class ColumnDocument(document.LeafletDocument):
    """LeafletDocument's pages in columns: templates from a Grid, the back
    panel `panel` points tall at the foot of the last page."""

    def __init__(self, buf, edition: Edition, layout: Layout, pages: int, second: Edition | None = None,
                 stacked: bool = False, panel: float = 0.0, count: int | None = None, balance: float | None = None):
        self.panel, self.count, self.balance = panel, count or layout.columns, balance
        super().__init__(buf, edition, layout, pages, second, stacked)

    @property
    def grid(self) -> Grid:
        return Grid(self.layout, self.count, self.edition.rtl)

    def _frames(self, boxes: list[Box], name: str) -> list[Frame]:
        return [Frame(x, y, w, h, 0, 0, 0, 0, id=f"{name}-{i}", showBoundary=0)
                for i, (x, y, w, h) in enumerate(boxes)]

    def _templates(self) -> list[PageTemplate]:
        g, L, pages = self.grid, self.layout, self.pages
        band = self._frames([g.band()], "band")
        if L.front_place == "top":
            area = g.question_area(1, pages, self.panel)
            first = band + (self._frames(g.columns(1, *area), "faq") if area else [])
        else:
            first = band + self._frames([g.below_band()], "wordmarks")
        footer = {"onPageEnd": self._footer} if L.front_place == "top" else {}  # a cover of its own has none
        out = [PageTemplate("first", first, onPage=self._front_page, **footer)]
        for parity in (0, 1):
            inner = self._frames(g.columns(parity, L.text_bottom, L.height - L.margin_top), "faq")
            area = g.question_area(pages, pages, self.panel, self.balance)
            last = self._frames(g.columns(parity, *area), "faq") if area else []
            last += self._frames(g.columns(parity, L.text_bottom, L.text_bottom + self.panel), "back")
            out += [PageTemplate(f"inner-{parity}", inner, onPageEnd=self._footer),
                    PageTemplate(f"last-{parity}", last, onPage=self._rule, onPageEnd=self._footer)]
        return out

    def _footer_box(self, doc) -> tuple[float, float]:
        return self.grid.left(doc.page), self.grid.text_width

    def _rule(self, canv, doc) -> None:
        """A hairline across the columns above the back panel, as an Artifact."""
        L, g = self.layout, self.grid
        y = L.text_bottom + self.panel + g.panel_gap() / 2

        def rule():
            canv.saveState()
            canv.setStrokeColor(HexColor(L.colours["rule"]))
            canv.setLineWidth(0.75)
            canv.line(g.left(doc.page), y, g.left(doc.page) + g.text_width, y)
            canv.restoreState()

        canv.artifact(rule)

    def handle_pageEnd(self):
        # the next page's template follows from its number: inner pages, then the last
        following, last = self.page + 1, self.half.last
        if following <= last:
            self.handle_nextPageTemplate(f"{'last' if following == last else 'inner'}-{following % 2}")
        super().handle_pageEnd()

    def handle_pageBegin(self):
        super().handle_pageBegin()
        if self.page > self.half.last:
            raise document.TooLong()  # the questions or the back panel ran past the last page

    def handle_flowable(self, flowables):
        if flowables and isinstance(flowables[0], ToBack):
            if self.frame.id.startswith("back") or self.page > self.half.last:
                raise document.TooLong()  # the questions ran into the back panel's columns
            flowables[0:1] = [PageBreak() for _ in range(self.half.last - self.page)] + \
                [NextFrameFlowable("back-0"), FrameBreak()]
        return super().handle_flowable(flowables)


def render(edition: Edition, layout: Layout, panels: Panels, pages: int, grid: Grid,
           second: Edition | None = None, balance: bool = True) -> bytes:
    """The screen PDF; `balance`: the last page's columns balanced (Grid.balanced)."""
    panel = grid.panel_height(panels.back)
    if panel is None:
        raise document.TooLong()
    buf = io.BytesIO()
    doc = ColumnDocument(buf, edition, layout, pages, second, stacked=second is not None, panel=panel,
                         count=grid.count, balance=grid.balanced(panels.faq, pages, panel) if balance else None)
    flowables = [document.StartHalf(edition, 1, pages), *fit.to_bottom(panels.band, grid.band()[2:], layout.title_rise),
                 FrameBreak()]
    if layout.front_place != "top":
        flowables += [*fit.to_bottom(panels.wordmarks, grid.below_band()[2:]), FrameBreak()]
    flowables += [*panels.faq, ToBack(), *panels.back]
    doc.build(flowables, canvasmaker=TaggedCanvas)
    if doc.page != pages:
        raise document.TooLong()
    return buf.getvalue()


def closing(edition: Edition, layout: Layout, size: float, width: float) -> list:
    """With `front: top` the cover has no foot panel: the other languages and
    the organisations close the back panel, composed as the cover's foot is
    (and the front's text opens the questions: `opening`)."""
    if layout.front_place != "top":
        return []
    close, body = [], story.style(layout, "body", size)
    if edition.also:  # as many names a row as the column holds at about 28 mm each
        close += story.also_available(edition, body, story.scaled(story.style(layout, "contact"), layout, size),
                                      width, max(2, min(4, int(width // (28 * MM)))))
    close += story.organisations(edition, layout)
    if close:
        close[0].spaceBefore = body.size  # a paragraph's gap more than the blocks above: a new part of the panel
    return close


def opening(edition: Edition, layout: Layout, size: float) -> list:
    return story.front_text(edition, layout, size) if layout.front_place == "top" else []


def arranged(grid: Grid, p: Panels, lead: list, matter: BackMatter, close: list) -> Panels:
    """The panels with the back matter the last page's columns cannot hold
    moved to end the questions (backmatter.settle), the back kept whole."""
    moved, back = backmatter.settle(matter, lambda b: grid.panel_height(whole(b + close)) is not None)
    marks = p.wordmarks if grid.layout.front_place != "top" else []  # `top`: the back panel closes with them
    return Panels(p.band, marks, story.keep_with_next(lead + p.faq + moved), whole(back + close))


def whole(back: list) -> list:
    """The back panel's blocks kept whole, each lead-in ("...by contacting:")
    with what follows it: the panel balances over its columns block by block,
    as a designer sets it, never a paragraph or a "Chapter 8" split between them."""
    for f in back:
        f.split = lambda width, height, f=f: []
    return story.keep_with_next(back)


def search(what: str, edition: Edition, layout: Layout, grid: Grid, made: Callable[[float], Panels],
           second: Edition | None = None) -> tuple[bytes, int, float, Panels]:
    """(pdf, pages, body size, panels): the fewest pages, then the largest size."""
    candidates = fit.sizes(layout)
    smallest = made(candidates[0])
    flow.frames_needed(smallest.faq, [(grid.column, grid.full)] * 48)  # a block taller than a column fails here
    fit.check_fits(edition, "front panel (title)", smallest.band, grid.band()[2:])
    if layout.front_place != "top":
        fit.check_fits(edition, "front panel (organisations)", smallest.wordmarks, grid.below_band()[2:])
    if grid.panel_height(smallest.back) is None:
        raise LeafletError(f"[{what}] the back panel does not fit a page of the {layout.name} layout even at "
                           f"{candidates[0]:g} pt: shorten it", edition.leaflet.source)
    for pages in layout.page_counts():
        best = fit.largest(candidates, lambda size: grid.fits(made(size), pages))
        if best is None:
            continue  # even the minimum needs more pages
        for size in [s for s in candidates if s <= best][::-1]:
            for balance in (True, False):  # flowables serve once: made afresh for each try
                p = made(size)
                try:
                    return render(edition, layout, p, pages, grid, second, balance), pages, size, p
                except document.TooLong:
                    continue  # the count was optimistic: unbalanced, then one step smaller, for real
    raise LeafletError(fit.too_long(what, layout, bilingual=second is not None), edition.leaflet.source)


def typeset(edition: Edition, layout: Layout) -> tuple[bytes, int, float, Panels]:
    grid = Grid(document.cover(layout, edition), layout.columns, edition.rtl)

    def made(size: float) -> Panels:
        marks = story.wordmarks(edition, layout, grid.text_width) if layout.front_place != "top" else []
        p = Panels(story.front_band(edition, layout), marks, story.faq(edition, layout, size), [])
        matter = story.back_matter(edition, layout, size).map(lambda fs: unbroken(fs, layout, grid.column))
        return arranged(grid, p, opening(edition, layout, size), matter, closing(edition, layout, size, grid.column))

    return search(edition.language, edition, layout, grid, made)


def typeset_pair(first: Edition, second: Edition, layout: Layout, mode: str) -> tuple[bytes, int, float]:
    """A bilingual edition in columns; `parallel` sets each block beside its
    translation across the page, the pair making the two columns."""
    if mode == "flip":
        raise LeafletError(f"a flip (tete-beche) edition needs a folded booklet; the {layout.name} layout is "
                           f"{layout.imposition}: use --bilingual parallel or blocks", layout.source)
    grid = Grid(document.cover(layout, first, second), 1 if mode == "parallel" else layout.columns, first.rtl)
    rule = layout.colours["rule"]
    # a pair's two sides are the layout's columns (a one-column layout: the bilingual form's own gutter)
    gutter = layout.gutter if layout.columns > 1 else GUTTER

    def made(size: float) -> Panels:
        p = bilingual.panels(first, second, layout, size, mode, grid.text_width, None, grid.band()[2:])
        if mode == "parallel":  # the back as the questions: each block, each contact panel, beside its translation
            half = (grid.column - gutter) / 2
            sides = [story.back_matter(e, layout, size).map(lambda fs: unbroken(fs, layout, half))
                     for e in (first, second)]
            matter = backmatter.paired(*sides, lambda a, b: combine(a, b, mode, first.rtl, rule, gutter))
            faq = [story.faq(e, layout, size) for e in (first, second)]
            p = Panels(p.band, p.wordmarks, combine(*faq, mode, first.rtl, rule, gutter), [])
        else:  # the questions as bilingual.panels sets them, the back matter not yet placed
            matter = bilingual.matter(first, second, layout, size, mode).map(
                lambda fs: unbroken(fs, layout, grid.column))
            p = Panels(p.band, p.wordmarks, p.faq, [])
        lead = combine(opening(first, layout, size), opening(second, layout, size),
                                 mode, first.rtl, rule, gutter)
        return arranged(grid, p, lead, matter, closing(first, layout, size, grid.column))

    pdf, pages, size, _ = search(f"{first.language}+en", first, layout, grid, made, second)
    return pdf, pages, size
