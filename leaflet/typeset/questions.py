"""One edition's questions and back page in a single-frame layout: the
back matter the back frame cannot hold follows the questions (`backmatter`),
for a single edition and for each half of a flip edition alike."""
from __future__ import annotations

from reportlab.platypus import Spacer

from ..edition import Edition
from ..layout import Layout
from . import backmatter, fit, story
from .unbroken import qr_unbroken, unbroken


def questions_and_back(edition: Edition, layout: Layout, size: float, frame: tuple[float, float],
                       more: int = 0) -> tuple[list, list]:
    """One edition's questions and back page at body size `size`, in a single-frame
    layout: what the back `frame` cannot hold follows the questions (backmatter;
    `more`: see fit.forward), and an e-mail or web address wider than its line
    has the line set smaller."""
    width = frame[0]
    matter = story.back_matter(edition, layout, size).map(lambda part: unbroken(part, layout, width))
    moved, back = backmatter.settle(matter, lambda back: fit.overflow(back, frame) <= 0.01, more)
    faq, back = story.keep_with_next(story.faq(edition, layout, size) + moved), back or [Spacer(0, 1)]
    for flowables in (faq, back):
        qr_unbroken(flowables, layout, width)
    return faq, back
