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

from ..edition import Edition
from ..errors import LeafletError
from ..layout import Layout
from . import backmatter, document, fit, flow, story
from .backmatter import BackMatter
from .pairs import combine
from .questions import questions_and_back
from .story import Panels
from .unbroken import qr_unbroken, unbroken

MODES = ("parallel", "blocks", "flip")
TITLE_SCALES = (1.0, 0.85, 0.7)


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
    # an e-mail address too wide for its panel, on the back or not, is set smaller
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
    """(pdf, pages, body size) of a bilingual edition in a single-frame layout."""
    if mode not in MODES:
        raise LeafletError(f"unknown bilingual mode '{mode}' (modes: {', '.join(MODES)})")
    frames = document.frame_sizes(first, layout, second if mode != "flip" else None)  # one cover, both titles
    if mode == "flip":
        if layout.imposition != "fold":  # tete-beche needs a booklet to turn over
            raise LeafletError(f"a flip (tete-beche) edition needs a folded booklet; the {layout.name} layout is "
                               f"{layout.imposition}: use --bilingual parallel or blocks", layout.source)
        return _flip(first, second, layout, frames)

    def made(size: float) -> Panels:
        p = panels(first, second, layout, size, mode, frames["wordmarks"][0], frames["back"], frames["band"])
        for flowables in (p.faq, p.back):  # a QR code's address wider than its line: set smaller
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
    """Two leaflets of pages/2 each, in one file: the same size in both halves,
    each half's questions and back as a single edition's."""

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


