"""An edition (or a bilingual pair) as a press file: typeset with the bleed, then PDF/X-4."""
from __future__ import annotations

from dataclasses import replace

from ..edition import Edition
from ..impose import flip_order
from ..layout import Layout
from ..typeset import pair as typeset_pair, typeset
from .pdfx import press


def bled(layout: Layout) -> Layout:
    """The layout drawn for press: backgrounds that touch the trim run into the bleed."""
    return replace(layout, bleed=layout.press.bleed)


def single(edition: Edition, layout: Layout, marks: bool | None = None) -> tuple[bytes, int, float, tuple]:
    """(press PDF, pages, body size, typesetting warnings) of one edition."""
    result = typeset(edition, bled(layout))
    return press(result.pdf, layout, marks_on=marks), result.pages, result.body_size, result.warnings


def pair(first: Edition, second: Edition, layout: Layout, mode: str,
         marks: bool | None = None) -> tuple[bytes, int, float]:
    """A bilingual edition; a flip one in booklet order, its second half upside down."""
    pdf, pages, size = typeset_pair(first, second, bled(layout), mode)
    order = flip_order(pages) if mode == "flip" else None
    return press(pdf, layout, order, marks_on=marks), pages, size, ()
