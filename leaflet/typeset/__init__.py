"""Typesetting: an edition x a layout -> A5 pages (the screen PDF).

One body size for every text panel (inner pages and back page): the largest
of the layout's sizes at which the questions fit the inner pages and the back
page above the back panel (`fit`). Only when even the minimum does not fit
does the leaflet grow by the layout's step (four pages a folded sheet, six
panels a DL's roll-folded sheet), again at the largest size.
A front panel that overflows fails the build.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..edition import Edition
from ..errors import LeafletError
from ..layout import Layout
from ..text.itemize import MissingGlyphs
from ..text.paragraph import TextBlock
from . import bilingual, columns, document, fit, flow, story
from .questions import questions_and_back

MAX_PAGES = 48


@dataclass(frozen=True)
class Typeset:
    pdf: bytes
    pages: int
    body_size: float
    warnings: tuple[str, ...]


def typeset(edition: Edition, layout: Layout) -> Typeset:
    try:
        return _typeset(edition, layout)
    except MissingGlyphs as exc:
        raise LeafletError(f"[{edition.language}] {exc}", edition.leaflet.source) from None
    except flow.DoesNotFit as exc:
        raise too_tall(edition, exc) from None


def pair(first: Edition, second: Edition, layout: Layout, mode: str) -> tuple[bytes, int, float]:
    """(pdf, pages, body size) of a bilingual edition: `first` with `second` (English) in `mode`."""
    try:
        if layout.in_columns and mode in bilingual.MODES:
            return columns.typeset_pair(first, second, layout, mode)
        return bilingual.typeset(first, second, layout, mode)
    except flow.DoesNotFit as exc:
        raise too_tall(first, exc) from None


def too_tall(edition: Edition, exc: flow.DoesNotFit) -> LeafletError:
    """A block that cannot be split (a table row, a figure) and is taller than a page."""
    f = exc.args[0] if exc.args else None
    what = type(f).__name__.lower() if f is not None else "block"
    return LeafletError(f"[{edition.language}] a {what} is taller than a whole page and cannot be split: "
                        "shorten it (a table's longest cell, a figure's width_mm)", edition.leaflet.source)


def _typeset(edition: Edition, layout: Layout) -> Typeset:
    check_coverage(edition, layout)
    if layout.in_columns:  # the band over the questions, columns, a back panel across their foot
        pdf, pages, size, panels = columns.typeset(edition, layout)
        return Typeset(pdf, pages, size, tuple(_warnings(edition, panels)))
    frames = document.frame_sizes(edition, layout)

    def fixed_panels():
        # Made afresh for every render: platypus marks the flowables it lays out
        # (a postponed one may not be postponed again), so they serve once.
        band, marks = story.front_band(edition, layout), story.wordmarks(edition, layout, frames["wordmarks"][0])
        fit.check_fits(edition, "front panel (title)", band, frames["band"])
        fit.check_fits(edition, "front panel (organisations)", marks, frames["wordmarks"])
        return band, fit.to_bottom(marks, frames["wordmarks"])

    def content(size: float, more: int = 0) -> tuple[list, list]:
        return questions_and_back(edition, layout, size, frames["back"], more)

    candidates = fit.sizes(layout)
    fixed_panels()  # a front or back that cannot fit fails before any page is set
    smallest, back = content(candidates[0])
    fit.check_fits(edition, "back panel", back, frames["back"])
    width, height = frames["back"]
    flow.pages_needed(smallest, width, height, MAX_PAGES)  # a block taller than a page fails here
    for pages in layout.page_counts():
        candidates = fit.sizes(layout, pages)
        best = fit.largest(candidates, lambda size: fit.fits(*content(size), frames["back"], pages - 2))
        if best is None:
            continue  # even the minimum needs more pages
        for size in [s for s in candidates if s <= best][::-1]:
            band, marks = fixed_panels()
            more, at = fit.forward(lambda more: content(size, more), frames["back"], pages - 2)
            faq, back = content(size, more)
            panels = story.Panels(band, marks, fit.spread(faq, at, frames["back"][1]), back)
            try:
                pdf = document.render(edition, layout, panels, pages)
            except document.TooLong:
                continue  # the count was optimistic (rare): one step smaller, for real
            return Typeset(pdf, pages, size, tuple(_warnings(edition, panels)))
    raise LeafletError(fit.too_long(edition.language, layout), edition.leaflet.source)


def check_coverage(edition: Edition, layout: Layout) -> None:
    """Every character of every block has a font, before any page is drawn."""
    for block in edition.leaflet.blocks():
        language, rtl = edition.language_of(block)
        try:
            TextBlock(block.spans, language, rtl, story.style(layout, "body"))
        except MissingGlyphs as exc:
            file, line = block.origin or (edition.leaflet.source, block.line)  # the .po entry of a translation
            raise LeafletError(f"[{edition.language}] block {block.id}: {exc}", file, line) from None


def _warnings(edition: Edition, panels: story.Panels) -> list[str]:
    out = []
    for block in [*panels.band, *panels.wordmarks, *panels.faq, *panels.back]:
        texts = block.texts() if hasattr(block, "texts") else [block]  # a list item, callout, table: its text
        out += [f"[{edition.language}] block {getattr(f, 'block_id', None) or '?'}: '{word}' is wider than a line "
                "and was split" for f in texts for word in getattr(f, "overlong", ())]
    return out
