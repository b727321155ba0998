"""Bilingual editions: a community language with English, in three forms.

- parallel: two columns, the community language in the first-read one (left
  for left-to-right languages, right for right-to-left), each block beside
  its translation at the same height;
- blocks: each block in the community language, then in English, the English
  marked by a rule at its start edge (same size, weight and colour);
- flip (tete-beche): each language has its own front, questions and back; the
  English half is printed upside down from the other cover.
Both languages are always set in the same style; the community language is
read first. Every block keeps its own language, for tagging and shaping.
"""
from __future__ import annotations

from reportlab.lib.colors import HexColor
from reportlab.platypus import CondPageBreak, Flowable

from ..edition import Edition
from ..errors import LeafletError
from ..layout import MM, Layout
from ..tagging import ARTIFACT_BEGIN, ARTIFACT_END
from ..text.paragraph import TextBlock
from . import backmatter, document, fit, flow, story
from .backmatter import BackMatter
from .figures import Figure, Table
from .story import Panels

MODES = ("parallel", "blocks", "flip")
TITLE_SCALES = (1.0, 0.85, 0.7)
GUTTER = 6 * MM
RULE_INDENT = 3.5 * MM


class Paired(Flowable):
    """A block beside its translation, both starting at the same height."""

    def __init__(self, first, second, first_on_right: bool, rule: str, gutter: float = GUTTER):
        super().__init__()
        self.first, self.second, self.first_on_right, self.rule = first, second, first_on_right, rule
        self.gutter = gutter  # a column layout's own gutter: the pair's two sides are its columns
        sides = [f for f in (first, second) if f is not None]
        self.spaceBefore = max(f.getSpaceBefore() for f in sides)
        self.spaceAfter = max(f.getSpaceAfter() for f in sides)

    def _column(self, width: float) -> float:
        return (width - self.gutter) / 2

    def wrap(self, availWidth, availHeight):
        column = self._column(availWidth)
        self.width = availWidth
        self.heights = [f.wrap(column, availHeight)[1] if f is not None else 0.0 for f in (self.first, self.second)]
        self.height = max(self.heights)
        return availWidth, self.height

    def split(self, availWidth, availHeight):
        column = self._column(availWidth)
        parts = []
        for f in (self.first, self.second):
            if f is None or f.wrap(column, availHeight)[1] <= availHeight:
                parts.append([f, None])
            else:
                got = f.split(column, availHeight)
                if not got:
                    return []  # one side cannot start here: move the pair on together
                parts.append([got[0], got[1] if len(got) > 1 else None])
        if parts[0][1] is None and parts[1][1] is None:
            return [self]
        return [Paired(parts[0][0], parts[1][0], self.first_on_right, self.rule, self.gutter),
                Paired(parts[0][1], parts[1][1], self.first_on_right, self.rule, self.gutter)]

    def draw(self):
        column = self._column(self.width)
        x_first, x_second = (column + self.gutter, 0.0) if self.first_on_right else (0.0, column + self.gutter)
        # the first-read language first: the structure's reading order
        for f, x, h in ((self.first, x_first, self.heights[0]), (self.second, x_second, self.heights[1])):
            if f is not None:
                f.drawOn(self.canv, x, self.height - h)
        canv = self.canv
        canv._code.append(ARTIFACT_BEGIN)
        canv.saveState()
        canv.setStrokeColor(HexColor(self.rule))
        canv.setLineWidth(0.4)
        canv.line(column + self.gutter / 2, 0, column + self.gutter / 2, self.height)
        canv.restoreState()
        canv._code.append(ARTIFACT_END)


class Ruled(Flowable):
    """The English block in `blocks` mode: the same text style, a rule at its start edge."""

    def __init__(self, block: TextBlock, rule: str):
        super().__init__()
        self.block, self.rule = block, rule
        self.spaceBefore, self.spaceAfter = block.getSpaceBefore(), block.getSpaceAfter()

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        self.height = self.block.wrap(availWidth - RULE_INDENT, availHeight)[1]
        return availWidth, self.height

    def split(self, availWidth, availHeight):
        parts = self.block.split(availWidth - RULE_INDENT, availHeight)
        return [Ruled(p, self.rule) for p in parts] if len(parts) > 1 else parts and [self]

    def draw(self):
        canv = self.canv
        self.block.drawOn(canv, RULE_INDENT, 0)
        canv._code.append(ARTIFACT_BEGIN)
        canv.saveState()
        canv.setStrokeColor(HexColor(self.rule))
        canv.setLineWidth(1.5)
        canv.line(0.75, 0, 0.75, self.height)
        canv.restoreState()
        canv._code.append(ARTIFACT_END)


def combine(first: list, second: list, mode: str, first_on_right: bool, rule: str, gutter: float = GUTTER,
            width: float | None = None) -> list:
    """Interleave two editions' flowables, block by block (their structure is the same).
    In parallel, a table whose words do not fit half of `width` goes one language after the other,
    as in blocks: a narrow DL panel's half column would cut "meeting" in two."""
    # keeps are made again for the pairs (story.keep_with_next)
    first, second = ([f for f in side if not isinstance(f, story.KeepWithNext)] for side in (first, second))
    if len(first) != len(second):
        raise LeafletError("the two editions' panels differ in structure")
    out = []
    for a, b in zip(first, second):
        if isinstance(a, CondPageBreak):
            out.append(CondPageBreak(max(a.height, b.height) * (1 if mode == "parallel" else 2)))
            continue
        if isinstance(a, Figure) and isinstance(b, Figure) and a.path == b.path and not (a.alt or b.alt):
            out.append(a)  # a decorative image is the same in both: set once
            continue
        if isinstance(b, TextBlock):
            b.bookmark = None  # one outline, in the first-read language
            if a.spans == b.spans:  # a name, an address: the same in both, set once
                out.append(a)
                continue
        if mode == "parallel" and width and isinstance(a, Table) and isinstance(b, Table) and any(
                t.cuts_words((width - gutter) / 2) for t in (a, b)):
            out.extend([a, Ruled(b, rule)])
            continue
        out.extend([Paired(a, b, first_on_right, rule, gutter)] if mode == "parallel" else [a, Ruled(b, rule)])
    return out


def panels(first: Edition, second: Edition, layout: Layout, body: float, mode: str, width: float,
           back_frame: tuple[float, float] | None = None, band_frame: tuple[float, float] | None = None) -> Panels:
    """Interleaved panels. The front keeps the organisations and languages once;
    the back page holds the introduction (it ends "...by contacting:"), the
    contact panels, then the further reading and the date; what it cannot hold
    follows the questions (backmatter)."""
    rule, right = layout.colours["rule"], first.rtl
    # The cover stacks the two titles, the first-read language on top: a 30 pt
    # title does not fit a half-width column.
    # Two long titles may not fit the band at full size: then both are set smaller, alike.
    for scale in TITLE_SCALES:
        band = story.front_band(first, layout, scale)[:2] + story.front_band(second, layout, scale)[:2]
        band[2].spaceBefore = band[1].getSpaceAfter() + story.style(layout, "subtitle").size
        if band_frame is None or fit.overflow(band, band_frame) <= 0.01:
            break
    faq = combine(story.faq(first, layout, body), story.faq(second, layout, body), mode, right, rule, width=width)
    from .columns import unbroken  # an e-mail address too wide for its panel, on the back or not: set smaller
    moved, back = backmatter.settle(matter(first, second, layout, body, mode).map(
                                        lambda part: unbroken(part, layout, width)),
                                    lambda b: back_frame is None or fit.overflow(b, back_frame) <= 0.01)
    faq = story.keep_with_next(faq + moved)
    return Panels(band, story.wordmarks(first, layout, width, second), faq, back)


def matter(first: Edition, second: Edition, layout: Layout, body: float, mode: str) -> BackMatter:
    """Both languages' back matter, block by block. Contact lines go one under
    the other even in parallel mode (an e-mail address does not fit half a
    column, and most lines are the same in both): each contact one panel, as
    in a single edition, kept whole."""
    rule, right = layout.colours["rule"], first.rtl
    st = story.style(layout, "body", body)
    contact = story.scaled(story.style(layout, "contact"), layout, body)
    panels = [[story.contact_panel(first, layout, combine(story.contact_group(first, n, st, contact),
                                                          story.contact_group(second, n, st, contact),
                                                          "blocks", right, rule), st)]
              for n in range(len(first.leaflet.contacts))]
    intro = [backmatter.of(story.intro(e, st, layout), [], [], []) for e in (first, second)]
    return BackMatter(combine(intro[0].head, intro[1].head, mode, right, rule),
                      combine(intro[0].lead, intro[1].lead, mode, right, rule), panels,
                      *(combine(part(first, layout, st), part(second, layout, st), mode, right, rule)
                        for part in (story.further, story.updated)))


def typeset(first: Edition, second: Edition, layout: Layout, mode: str):
    """(pdf, pages, body size) of a bilingual edition."""
    from . import too_tall

    try:
        if layout.in_columns and mode in MODES:
            from . import columns
            return columns.typeset_pair(first, second, layout, mode)
        return _typeset(first, second, layout, mode)
    except flow.DoesNotFit as exc:
        raise too_tall(first, exc) from None


def _typeset(first: Edition, second: Edition, layout: Layout, mode: str):
    if mode not in MODES:
        raise LeafletError(f"unknown bilingual mode '{mode}' (modes: {', '.join(MODES)})")
    frames = document.frame_sizes(first, layout, second if mode != "flip" else None)  # one cover, both titles
    if mode == "flip":
        if layout.imposition != "fold":  # tete-beche needs a booklet to turn over
            raise LeafletError(f"a flip (tete-beche) edition needs a folded booklet; the {layout.name} layout is "
                               f"{layout.imposition}: use --bilingual parallel or blocks", layout.source)
        return _flip(first, second, layout, frames)

    def made(size: float) -> Panels:
        from .columns import qr_unbroken  # a QR code's address wider than its line: set smaller

        p = panels(first, second, layout, size, mode, frames["wordmarks"][0], frames["back"], frames["band"])
        for flowables in (p.faq, p.back):
            qr_unbroken(flowables, layout, frames["back"][0])
        return p

    candidates = fit.sizes(layout)
    flow.pages_needed(made(candidates[0]).faq, *frames["back"], 48)  # a block taller than a page fails here
    for pages in layout.page_counts():
        # the same model as a single edition: one size, found by bisection
        candidates = fit.sizes(layout, pages)
        best = fit.largest(candidates, lambda size: fit.fits(*_faq_back(made(size)), frames["back"], pages - 2))
        if best is None:
            continue
        for size in [s for s in candidates if s <= best][::-1]:
            at = fit.spread_at(*_faq_back(made(size)), frames["back"], pages - 2)
            p = made(size)
            p = Panels(p.band, fit.to_bottom(p.wordmarks, frames["wordmarks"]), fit.spread(p.faq, at, frames["back"][1]),
                       p.back)
            fit.check_fits(first, "back panel", p.back, frames["back"])
            fit.check_fits(first, "front panel (title)", p.band, frames["band"])
            try:
                return document.render_halves(layout, [(first, p)], pages, stacked=second), pages, size
            except document.TooLong:
                continue
    raise LeafletError(fit.too_long(f"{first.language}+en", layout, bilingual=True), first.leaflet.source)


def _faq_back(p: Panels) -> tuple[list, list]:
    return p.faq, p.back


def _flip(first: Edition, second: Edition, layout: Layout, frames):
    """Two leaflets of pages/2 each, in one file: the same size in both halves."""
    from . import questions_and_back  # each half's questions and back as a single edition's

    def halves_at(size: float) -> list:
        return [(e, Panels(story.front_band(e, layout), story.wordmarks(e, layout, frames["back"][0]),
                           *questions_and_back(e, layout, size, frames["back"]))) for e in (first, second)]

    candidates = fit.sizes(layout)
    for _, p in halves_at(candidates[0]):
        flow.pages_needed(p.faq, *frames["back"], 48)  # a block taller than a page fails here
    for half in range(4, 25, 2):
        candidates = fit.sizes(layout, half)
        best = fit.largest(candidates, lambda size: all(
            fit.fits(p.faq, p.back, frames["back"], half - 2) for _, p in halves_at(size)))
        if best is None:
            continue
        for size in [s for s in candidates if s <= best][::-1]:
            spreads = [fit.spread_at(p.faq, p.back, frames["back"], half - 2) for _, p in halves_at(size)]
            halves = [(e, Panels(p.band, fit.to_bottom(p.wordmarks, frames["wordmarks"]),
                                 fit.spread(p.faq, at, frames["back"][1]), p.back))
                      for (e, p), at in zip(halves_at(size), spreads)]
            for e, p in halves:
                fit.check_fits(e, "back panel", p.back, frames["back"])
            try:
                return document.render_halves(layout, halves, 2 * half), 2 * half, size
            except document.TooLong:
                continue
    raise LeafletError(f"[{first.language}+en] the questions do not fit", first.leaflet.source)


