"""The fitting model: one body size for the whole leaflet, and whether panels fit.

The questions flow over the inner pages and on to the back page, above the
back panel (contacts, further reading), which sits at the foot of the last
page. The body size is the largest of the layout's sizes (minimum..maximum,
in its step) at which that works, found by bisection; the page count is the
smallest (4, 8, 12...) at which the minimum still fits. A leaflet that had to
grow may go up to the layout's grown_maximum, and if its questions would still
end pages before the back page, they are spread over those pages (`spread`)
instead of leaving pages for notes.
"""
from __future__ import annotations

from typing import Callable

from reportlab.platypus import CondPageBreak, Flowable, Spacer

from ..edition import Edition
from ..errors import LeafletError
from ..layout import MM, Layout
from . import flow, story


def sizes(layout: Layout, pages: int | None = None) -> list[float]:
    """The body sizes a leaflet may be set at, smallest first: the layout's
    minimum to its maximum in its step (round numbers a designer would pick).
    A leaflet that had to grow past the layout's fewest pages (`pages`) may go
    up to the layout's grown_maximum, to use the room it took."""
    top = layout.body_grown_maximum if pages and pages > layout.page_start else layout.body_maximum
    out, n = [], 0
    while (size := round(layout.body_minimum + n * layout.body_step, 2)) <= max(top, layout.body_maximum) + 1e-9:
        out.append(size)
        n += 1
    return out


def largest(candidates: list[float], fits: Callable[[float], bool]) -> float | None:
    """The largest candidate that fits, by bisection (fitting is monotonic:
    smaller text never needs more room). None if even the first does not fit."""
    if not candidates or not fits(candidates[0]):
        return None
    lo, hi = 0, len(candidates) - 1  # candidates[lo] fits
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if fits(candidates[mid]):
            lo = mid
        else:
            hi = mid - 1
    return candidates[lo]


class Foot(Flowable):
    """Empty room that pushes what follows to the foot of the page: the back
    panel's height `panel` is measured by `height_of`, as the Frame stacks it."""

    def __init__(self, panel: float):
        super().__init__()
        self.panel = panel

    def wrap(self, availWidth, availHeight):
        self.width, self.height = availWidth, max(0.0, availHeight - self.panel - 0.05)
        return self.width, self.height

    def split(self, availWidth, availHeight):
        return []

    def draw(self):
        pass


class Block(Spacer):
    """A stand-in of fixed height that never splits: the back panel, when counting pages."""

    def split(self, availWidth, availHeight):
        return []


def height_of(flowables: list, width: float, height: float) -> float:
    """The height the flowables take stacked in a frame, after something
    (the first one's space before counts, the last one's space after does not)."""
    used = 0.0
    for f in flowables:
        _, h = f.wrap(width, height)
        used += f.getSpaceBefore() + h + f.getSpaceAfter()
    return used - (flowables[-1].getSpaceAfter() if flowables else 0.0)


def fits(faq: list, back: list, frame: tuple[float, float], inner: int) -> bool:
    """Whether the questions fill at most `inner` inner pages and the back
    page, with the back panel whole at the foot of the back page."""
    width, height = frame
    panel = height_of(back, width, height)
    if panel > height + 0.01:
        return False
    try:
        return flow.pages_needed(list(faq) + [Block(0, panel)], width, height, inner + 1) <= inner + 1
    except flow.DoesNotFit:
        return False  # a table row or figure taller than a page at this size


class Spread(CondPageBreak):
    """A page break unless at the top of a page: `height` is the page's own."""


def _starts(f: Flowable) -> bool:
    """A question, or back matter moved to follow the questions: where a page may end early."""
    return getattr(f, "moved", False) or any(b.role == "H2" for b in story.text_blocks(f))


def spread_points(faq: list) -> list[int]:
    """Where a page may end early: before each question (before its
    keep-with-next, if it has one) and each block of moved back matter, never
    after a lead-in."""
    out = []
    for i, f in enumerate(faq):
        before = faq[i - 1] if i else None
        kept = isinstance(f, story.KeepWithNext) and any(_starts(h) for h in f.heads)
        held = isinstance(before, story.KeepWithNext) or (before is not None and story.keeps_next(before))
        if kept or (_starts(f) and not held):
            out.append(i)
    return out


def spread(faq: list, at: frozenset, height: float) -> list:
    """The flowables with a new page started before each of the indices `at`."""
    return [g for i, f in enumerate(faq) for g in ([Spread(height - 0.01)] if i in at else []) + [f]]


def forward(made: Callable[[int], tuple[list, list]], frame: tuple[float, float], inner: int) -> tuple[int, frozenset]:
    """(more, at): how many more arrangements of the back matter to take
    (`made(more)`: the questions and the back; backmatter.settle's `more`), and
    where to start pages (`spread_at`), so that the text reaches the back page:
    a short leaflet in a layout that cannot shrink (a DL's six panels) sets a
    contact on the page before the back rather than leave that page for notes."""
    more = 0
    while True:
        faq, back = made(more)
        at = spread_at(faq, back, frame, inner)
        if used(spread(faq, at, frame[1]), back, frame, inner) >= inner + 1:
            return more, at
        faq_next, back_next = made(more + 1)
        if len(faq_next) == len(faq) or not fits(faq_next, back_next, frame, inner):
            return more, at  # nothing more can move, or moving it would need another page
        more += 1


def used(faq: list, back: list, frame: tuple[float, float], inner: int) -> int:
    """The pages the questions and the back panel at the foot of the last take."""
    width, height = frame
    try:
        return flow.pages_needed(faq + [Block(0, height_of(back, width, height))], width, height, inner + 1)
    except flow.DoesNotFit:
        return inner + 2


def spread_at(faq: list, back: list, frame: tuple[float, float], inner: int) -> frozenset:
    """Where to start new pages so that questions which would end before the
    back page (a grown leaflet's spare pages, else left for notes) reach it:
    one page at a time, at the latest place that adds one, so that the pages
    before it stay as they were (as full as the fit made them)."""
    def pages(at: frozenset) -> int:
        return used(spread(faq, at, frame[1]), back, frame, inner)

    at, n = frozenset(), pages(frozenset())
    points = spread_points(faq)
    while n < inner + 1:
        for p in reversed(points):
            m = pages(at | {p}) if p not in at else n
            if n < m <= inner + 1:
                at, n = at | {p}, m
                break
        else:
            break  # no break adds a page: what is left stays for notes
    return at


def overflow(flowables: list, frame: tuple[float, float]) -> float:
    width, height = frame
    used = 0.0
    for i, f in enumerate(flowables):
        _, h = f.wrap(width, height)
        used += h + (f.getSpaceBefore() if i else 0) + f.getSpaceAfter()
    return used - flowables[-1].getSpaceAfter() - height if flowables else 0.0


def check_fits(edition: Edition, name: str, flowables: list, frame: tuple[float, float]) -> None:
    over = overflow(flowables, frame)
    if over > 0.01:
        raise LeafletError(f"[{edition.language}] the {name} overflows by {over / MM:.1f} mm; "
                           "shorten its text", edition.leaflet.source)


def to_bottom(flowables: list, frame: tuple[float, float], rise: float = 0.0) -> list:
    """The flowables with the frame's spare height above them: organisations'
    marks sit at the foot of a cover, as logos do; `rise` of it is left below
    them instead (a title block set part-way up its band)."""
    spare = -overflow(flowables, frame) * (1.0 - rise)
    return ([Spacer(0, spare)] if spare > 0.01 else []) + flowables


GROWING = ("a5-fold", "a4-sheet")  # the shipped layouts whose pages can grow, for the advice below


def too_long(what: str, layout, bilingual: bool = False) -> str:
    """Why an edition cannot be set in `layout`, and what to do instead."""
    most, smallest = layout.page_counts()[-1], layout.body_minimum
    if bilingual:
        growing = ", ".join(n for n in GROWING if n != layout.name)
        return (f"[{what}] the two languages do not fit in {most} pages of the {layout.name} layout, even at its "
                f"smallest body size ({smallest:g} pt): build each language on its own in this layout, or the "
                f"bilingual edition in a layout that can grow ({growing})")
    return (f"[{what}] the questions do not fit in {most} pages of the {layout.name} layout, even at its smallest "
            f"body size ({smallest:g} pt): shorten the text, or use a layout with more room")
