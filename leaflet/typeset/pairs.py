"""Two languages' blocks side by side (parallel) or one after the other
with a rule at the second's start edge (blocks): the flowables every
bilingual form is made of, single-frame or in columns.
"""
from __future__ import annotations

from reportlab.lib.colors import HexColor
from reportlab.platypus import CondPageBreak, Flowable

from ..errors import LeafletError
from ..layout import MM
from ..tagging import ARTIFACT_BEGIN, ARTIFACT_END
from ..text.paragraph import TextBlock
from . import story
from .figures import Figure, Table

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
