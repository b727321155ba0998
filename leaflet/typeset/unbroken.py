"""Words that must not be cut: a line holding an e-mail or web address (or a
QR code's address) wider than its column is set smaller, down to the
footer's size and the layout's floor, until the word fits."""
from __future__ import annotations

from dataclasses import replace

from ..layout import Layout
from ..text.paragraph import TextBlock
from . import blocks, figures
from .pairs import RULE_INDENT, Paired, Ruled


def unbroken(flowables: list, layout: Layout, width: float) -> list:
    """The flowables with each line that holds a word wider than the column
    (an e-mail address in a contact panel) set smaller, down to the footer's
    size (and the layout's floor), until the word fits: an address cut in two
    is misread or mistyped. A word too long even then is cut, as elsewhere."""
    floor = max(layout.style("footer").size, layout.text_floor)
    for f in flowables:
        if isinstance(f, blocks.Callout):
            f.parts = [_smaller(t, f._inner(width), floor, layout.body_step) for t in f.parts]
            for t in f.parts:
                if isinstance(t, Ruled):  # a bilingual contact panel's English lines
                    t.block = _smaller(t.block, f._inner(width) - RULE_INDENT, floor, layout.body_step)
        if isinstance(f, Ruled):  # the English line of a bilingual form's contact
            f.block = _smaller(f.block, width - RULE_INDENT, floor, layout.body_step)
    return [_smaller(f, width, floor, layout.body_step) for f in flowables]


def qr_unbroken(flowables: list, layout: Layout, width: float) -> None:
    """As `unbroken`, for QR codes, in place (the questions' keeps hold these
    flowables): an address too long for a line, under its code, set smaller;
    on either side of a bilingual pair too."""
    floor = max(layout.style("footer").size, layout.text_floor)
    for f in flowables:
        if isinstance(f, Paired):
            qr_unbroken([s for s in (f.first, f.second) if s is not None], layout, f._column(width))
        elif isinstance(f, Ruled):
            qr_unbroken([f.block], layout, width - RULE_INDENT)
        elif isinstance(f, figures.QRCode):
            f.lines = [_smaller(t, width, floor, layout.body_step) for t in f.lines]


def _smaller(t, width: float, floor: float, step: float):
    if not isinstance(t, TextBlock):
        return t
    t.wrap(width, 1e6)
    size = t.style.size
    while t.overlong and size - step >= floor - 1e-9:
        size = round(size - step, 2)
        smaller = TextBlock(t.spans, t.language, t.rtl, replace(t.style, size=size), t.role, t.block_id,
                            groups=t.groups, key=t.key)
        smaller.spaceBefore, smaller.spaceAfter = t.spaceBefore, t.spaceAfter
        smaller.wrap(width, 1e6)
        if not smaller.overlong:
            return smaller
    return t
