"""`TextBlock`: the platypus flowable every paragraph, heading and label is set with.

It wraps to any width, splits between lines across frames (keeping two lines
each side), aligns to the start edge of its direction, and draws through
`draw.line_ops`. It carries its structure role and language for tagging.
"""
from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import HexColor
from reportlab.platypus import Flowable

from ..markup import Span
from ..tagging import ARTIFACT_BEGIN, ARTIFACT_END
from .draw import line_ops
from .lines import Line, Paragraph, break_lines, prepare


@dataclass(frozen=True)
class Style:
    size: float
    leading: float
    colour: str  # "#RRGGBB"
    link_colour: str
    bold: bool = False
    italic: bool = False
    space_before: float = 0.0  # points
    space_after: float = 0.0
    align: str = "start"  # start (of the block's direction) | left | right | centre


class TextBlock(Flowable):
    def __init__(self, spans: tuple[Span, ...], language: str, rtl: bool, style: Style, role: str = "P",
                 block_id: str | None = None, bookmark: str | None = None, *,
                 groups: tuple[tuple[str, object], ...] = (), para: Paragraph | None = None,
                 lines: list[Line] | None = None, first: bool = True, key: object = None):
        super().__init__()
        self.spans, self.language, self.rtl, self.style = spans, language, rtl, style
        # Structure: its role (H1, H2, P, LBody... or Artifact for page furniture),
        # the (role, key) elements it sits in (e.g. L, LI), and a key its parts share.
        self.role, self.block_id, self.bookmark, self.groups = role, block_id, bookmark, groups
        self.key = key if key is not None else object()
        self.para = para or prepare(spans, language, rtl, style.bold, style.italic)
        self._fixed = lines
        self._cache: dict[float, list[Line]] = {}
        self.first = first
        self.overlong: list[str] = []
        self.spaceBefore = style.space_before if first else 0.0
        self.spaceAfter = style.space_after
        self.lines: list[Line] = lines or []

    # -- layout ------------------------------------------------------------
    def lines_at(self, width: float) -> list[Line]:
        if self._fixed is not None:
            return self._fixed
        if width not in self._cache:
            self._cache[width] = break_lines(self.para, width, self.style.size, self.style.leading, self.overlong)
        return self._cache[width]

    def wrap(self, availWidth, availHeight):
        self.lines = self.lines_at(availWidth)
        self.width = availWidth
        self.height = sum(line.height for line in self.lines) + self.drop
        return availWidth, self.height

    drop = 0.0  # space above the first line: lines up baselines across a row of blocks

    def first_baseline(self, width: float) -> float:
        lines = self.lines_at(width)
        return lines[0].baseline if lines else 0.0

    def split(self, availWidth, availHeight):
        lines = self.lines_at(availWidth)
        fit, used = 0, 0.0
        for line in lines:
            if used + line.height > availHeight + 1e-6:
                break
            used += line.height
            fit += 1
        if fit >= len(lines):
            return [self]
        if len(lines) >= 4:
            fit = min(fit, len(lines) - 2)  # no widow
        if fit < 2:
            return []  # no orphan: move the paragraph on
        return self.split_at(availWidth, fit)

    def split_at(self, width: float, n: int) -> list["TextBlock"]:
        """Its first `n` lines at `width`, and the rest (a box that splits by rules of its own)."""
        lines = self.lines_at(width)
        return [self._part(lines[:n], self.first, 0.0), self._part(lines[n:], False, self.style.space_after)]

    def _part(self, lines: list[Line], first: bool, after: float) -> "TextBlock":
        part = TextBlock(self.spans, self.language, self.rtl, self.style, self.role, self.block_id,
                         self.bookmark if first else None, groups=self.groups, para=self.para, lines=lines,
                         first=first, key=self.key)
        part.spaceAfter = after
        return part

    # -- drawing -----------------------------------------------------------
    def draw(self):
        canv = self.canv
        style = self.style
        text_fill = _fill(style.colour)
        link_fill = _fill(style.link_colour)

        def fill_for(span: Span) -> str:
            return link_fill if span.href else text_fill

        if self.bookmark:
            key = f"{self.block_id or id(self)}"
            canv.bookmarkPage(key, fit="XYZ", top=canv.absolutePosition(0, self.height)[1])
            canv.addOutlineEntry(self.bookmark, key, level=0)
        tagger = getattr(canv, "tagger", None)
        marks = _Marks(tagger, self) if tagger and self.role != "Artifact" else None
        if self.role == "Artifact":
            canv._code.append(ARTIFACT_BEGIN)
        top = self.height - self.drop
        for line in self.lines:
            baseline = top - line.baseline
            ops, links = line_ops(canv, line, self.spans, self._x(line), baseline, style.size, fill_for, marks)
            canv._code.append(ops)
            for box in links:
                self._underline(box, baseline, style)
                rect = (box.x0, box.y0, box.x1, box.y1)
                if marks:
                    canv.tagged_link(marks.link(box.href), box.href, rect, box.text)
                else:
                    canv.linkURL(box.href, rect, relative=1, thickness=0)
            top -= line.height
        if self.role == "Artifact":
            canv._code.append(ARTIFACT_END)

    def _x(self, line: Line) -> float:
        align = self.style.align
        if align == "centre":
            return (self.width - line.width) / 2
        if align == "start":
            align = "right" if self.rtl else "left"
        return self.width - line.width if align == "right" else 0.0

    def _underline(self, box, baseline: float, style: Style) -> None:
        canv = self.canv
        canv._code.append(ARTIFACT_BEGIN)  # decoration: the link is in the text and the structure
        canv.saveState()
        canv.setStrokeColor(HexColor(style.link_colour))
        canv.setLineWidth(max(0.5, style.size / 20))
        y = baseline - style.size * 0.14
        canv.line(box.x0, y, box.x1, y)
        canv.restoreState()
        canv._code.append(ARTIFACT_END)


class _Marks:
    """Which structure element each span of a block belongs to: the block's
    own (P, H2...), a Link element inside it for a span with a link, or a Span
    for a run in another language (an English title in a translated sentence)."""

    def __init__(self, tagger, block: TextBlock):
        self.tagger, self.block = tagger, block
        parent = None
        for role, key in block.groups:
            parent = tagger.element(role, key=key, parent=parent)
        self.element = tagger.element(block.role, key=block.key, parent=parent, lang=block.language)

    def link(self, href: str):
        return self.tagger.element("Link", key=(self.block.key, href), parent=self.element)

    def group(self, span: Span):
        """What decides a span's owner: its link, its own language, or neither (None)."""
        if span.href:
            return ("Link", span.href)
        if span.lang and span.lang != self.block.language:
            return ("Span", span)
        return None

    def owner(self, span: Span):
        """The element a span belongs to, made on first use. draw.line_ops asks in
        reading order, so a child never comes before the text that precedes it."""
        group = self.group(span)
        if group is None:
            return self.element
        if group[0] == "Link":
            # an e-mail or web address is read in the data's language, not the page's
            lang = self.tagger.data_language if span.kind in ("email", "url") else None
        else:
            lang = span.lang
        return self.tagger.element(group[0], key=(self.block.key, group[1]), parent=self.element, lang=lang)

    def reading(self, element, text: str):
        """A Span inside `element` whose /ActualText is `text`: what a screen
        reader says for a right-to-left run, whose glyphs are stored left to right.
        A block that is one such run (a heading, a language's name) says it itself."""
        lines = self.block.lines
        if element is self.element and not element.kids and len(lines) == 1 and \
                all(p.rtl for p in lines[0].pieces) and not any(s.href for s in self.block.spans):
            element.actual = text
            return element
        return self.tagger.element("Span", parent=element, actual=text)

    def begin(self, element) -> str:
        return self.tagger.begin(element)


def _fill(hex_colour: str) -> str:
    c = HexColor(hex_colour)
    return f"{c.red:.3f} {c.green:.3f} {c.blue:.3f} rg"
