"""Counting the pages a story needs without drawing it.

Autofit tries several body sizes and page counts; drawing each candidate would
cost a full render. This follows platypus's Frame rules (space before is
dropped at the top of a frame, a flowable that does not fit is split or moved
on, CondPageBreak breaks when too little room is left) using only wrap and
split, whose results the text engine caches. The chosen candidate is then
rendered for real and its page count checked.
"""
from __future__ import annotations

from reportlab.platypus import CondPageBreak


class DoesNotFit(Exception):
    """A flowable is taller than an empty frame and cannot be split."""


def pages_needed(flowables: list, width: float, height: float, limit: int) -> int:
    """Frames of (width, height) the flowables fill, or limit + 1 once past `limit`."""
    return frames_needed(flowables, [(width, height)] * limit)


def frames_needed(flowables: list, frames: list[tuple[float, float]]) -> int:
    """How many of `frames` ((width, height), in the order the story fills
    them: columns, then the next page's) the flowables fill, or len + 1 once
    past the last. A block taller than its frame and unsplittable fails, as
    it would on every frame of that size."""
    if not frames:
        return 1
    n, queue = 0, list(flowables)
    width, height = frames[0]
    room, top = height, True
    while queue and n < len(frames):
        f = queue.pop(0)
        if isinstance(f, CondPageBreak):
            need = f.needed(width, height) if hasattr(f, "needed") else f.height
            if not top and room < need:
                n += 1
                if n < len(frames):
                    width, height = frames[n]
                room, top = height, True
            continue
        before = 0.0 if top else f.getSpaceBefore()
        avail = room - before
        _, h = f.wrap(width, avail)
        if h <= avail + 1e-6:
            room, top = avail - h - f.getSpaceAfter(), False
            continue
        parts = f.split(width, avail)
        if len(parts) > 1:
            parts[0].wrap(width, avail)
            queue[0:0] = parts[1:]
        elif top and height >= max(hh for _, hh in frames) - 1e-6:
            raise DoesNotFit(f)
        else:
            queue.insert(0, f)
        n += 1
        if n < len(frames):
            width, height = frames[n]
        room, top = height, True
    return n + 1  # the frame it ended in (1-based), or len + 1 when it ran past the last
