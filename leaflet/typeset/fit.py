"""Whether fixed panels (the front, the back) fit their frames."""
from __future__ import annotations

from reportlab.platypus import Spacer

from ..edition import Edition
from ..errors import LeafletError
from ..layout import MM, Layout
from . import story


def back_spill(edition: Edition, layout: Layout, frame: tuple[float, float]) -> int:
    """How many contacts (with the introduction) must move to the inner pages
    for the back page to fit at the smallest body size: 0 for most leaflets.
    The last contact always stays on the back page (a back page of text that
    does not fit is the author's to shorten)."""
    smallest = layout.body_sizes()[-1]
    for spill in range(len(edition.leaflet.contacts)):
        if overflow(story.back(edition, layout, frame[0], smallest, spill), frame) <= 0.01:
            return spill
    return 0  # even the further reading alone overflows: fit_back says so


def fit_back(edition: Edition, layout: Layout, frame: tuple[float, float], spill: int = 0) -> list:
    """The back page at the largest body size at which it fits."""
    for size in layout.body_sizes():
        back = story.back(edition, layout, frame[0], size, spill)
        if overflow(back, frame) <= 0.01:
            return back
    check_fits(edition, "back panel", back, frame)
    return back


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


def to_bottom(flowables: list, frame: tuple[float, float]) -> list:
    """The flowables with the frame's spare height above them: organisations'
    marks sit at the foot of a cover, as logos do."""
    spare = -overflow(flowables, frame)
    return ([Spacer(0, spare)] if spare > 0.01 else []) + flowables
