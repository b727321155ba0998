"""Block types as flowables: what `story` sets wherever text goes.

The flowable interface the page engine (story, flow, fit, document,
bilingual) relies on; every block flowable here, and `TextBlock`, keeps it:

- `wrap(availWidth, availHeight) -> (width, height)`: lays out at that width
  (cached per width; cheap to call again) and reports the full height.
- `split(availWidth, availHeight) -> []` (cannot start here: move it on),
  `[self]` (fits whole), or `[head, tail]` (head fits `availHeight`). Lists
  split between items and inside an item's text; callouts between and inside
  their paragraphs, each part in its own box; tables between rows, the tail
  repeating the header row (as an Artifact: the structure has it once);
  figures and QR codes do not split.
- `getSpaceBefore()/getSpaceAfter()`: vertical space in points, dropped at the
  top of a frame as platypus does (`flow.pages_needed` follows the same rules).
- `texts()`: the TextBlocks inside a composite block (for warnings about
  words wider than a line, and any per-text check).
- `keep_height(width)`: the height that must travel with a heading set just
  before it (keep-with-next): a paragraph's first two lines, a list's first
  item's, a callout's title and first lines, a table's header and first row,
  a whole figure. `keep(flowable, width)` answers it for any flowable.
- Tagging: `draw()` asks `canv.tagger` (leaflet.tagging) for its structure
  elements, in reading order, and wraps what it draws in their marked
  content; decoration (boxes, rules, repeated headers) is an Artifact. Text
  is always a `TextBlock`, whose `role`, `groups` ((role, key) ancestors,
  e.g. L > LI) and `key` (one element for the parts of a split) say where it
  belongs. Parts of a split block share their keys, so a list split over two
  pages is one L; keys hold the block's language, so the two languages of a
  bilingual edition are two Ls.
- A block may yield several flowables (a list: one per item, with a
  `CondPageBreak` keeping an item with its nested list); `body()` returns
  them in reading order, and `story.set_body` is how panels call it.
- Direction: each flowable mirrors itself for a right-to-left edition (list
  labels and callout bars on the right, table columns right to left).
"""
from __future__ import annotations

from icu import Locale as IcuLocale, NumberFormat
from reportlab.lib.colors import HexColor
from reportlab.platypus import CondPageBreak, Flowable

from .. import blocks as model
from ..layout import MM, Layout
from ..markup import Span
from ..tagging import ARTIFACT_BEGIN, ARTIFACT_END
from ..text.paragraph import Style, TextBlock

ITEM_GAP = 0.3  # space between list items, as a share of the paragraph space
BULLETS = ("\u2022", "\u2013")  # level 1, level 2


def keep(f: Flowable, width: float) -> float:
    """Height that must follow a heading onto its page (see the module doc)."""
    if hasattr(f, "keep_height"):
        return f.keep_height(width)
    if isinstance(f, TextBlock):
        return sum(line.height for line in f.lines_at(width)[:2])
    return f.wrap(width, 1e6)[1]


def text_keep(block: TextBlock, width: float) -> float:
    return sum(line.height for line in block.lines_at(width)[:2])


# -- lists ---------------------------------------------------------------------
def number(n: int, language: str) -> str:
    """`n` in the edition's numbering system (CLDR's default for the locale:
    Bengali digits for bn, Extended Arabic-Indic for fa, Latin for most)."""
    return NumberFormat.createInstance(IcuLocale(language.replace("-", "_"))).format(n)


class ListItem(Flowable):
    """One list item: its label (bullet or number) in the hanging indent at the
    start edge, its text beside it. Tagged LI > Lbl + LBody inside the list's L."""

    def __init__(self, label: TextBlock | None, body: TextBlock, offset: float, indent: float, gap: float, rtl: bool,
                 first: bool = True):
        super().__init__()
        self.label, self.body, self.offset, self.indent, self.rtl, self.first = label, body, offset, indent, rtl, first
        self.gap = gap  # between the label's end and the text
        self.spaceBefore = body.getSpaceBefore() if first else 0.0
        self.spaceAfter = body.getSpaceAfter()

    def _text_width(self, width: float) -> float:
        return width - self.offset - self.indent

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        self.height = self.body.wrap(self._text_width(availWidth), availHeight)[1]
        if self.label:
            self.label.wrap(self.indent - self.gap, availHeight)
        return availWidth, self.height

    def split(self, availWidth, availHeight):
        parts = self.body.split(self._text_width(availWidth), availHeight)
        if len(parts) < 2:
            return parts
        return [ListItem(self.label, parts[0], self.offset, self.indent, self.gap, self.rtl, self.first),
                ListItem(None, parts[1], self.offset, self.indent, self.gap, self.rtl, False)]

    def keep_height(self, width: float) -> float:
        return text_keep(self.body, self._text_width(width))

    def texts(self) -> list[TextBlock]:
        return [self.body]

    def draw(self):
        canv = self.canv
        if self.label:  # first, so that Lbl precedes LBody in the structure
            drop = self.body.lines[0].baseline - self.label.lines[0].baseline if self.body.lines else 0.0
            x = self.width - self.offset - self.indent + self.gap if self.rtl else self.offset
            self.label.drawOn(canv, x, self.height - self.label.height - drop)
        self.body.drawOn(canv, 0.0 if self.rtl else self.offset + self.indent, 0.0)


def list_items(edition, block: model.List, st: Style, make_text) -> list[Flowable]:
    """A list's items as flowables (the story can break between them)."""
    language, rtl = edition.language_of(block.items[0].text)
    gap = st.space_after * ITEM_GAP
    key = ("L", block.id, language)  # a bilingual edition sets the block twice: two lists
    item_st = Style(**{**st.__dict__, "space_before": 0.0, "space_after": gap})
    label_st = Style(**{**item_st.__dict__, "align": "left" if rtl else "right"})

    def label(i: int, level: int, language: str, rtl: bool) -> str:
        return f"{number(i, language)}." if block.numbered and level == 0 else BULLETS[level]

    gap_after = st.size * 0.5  # label to text
    lead = st.size * 0.4  # margin to label (to a bullet; numbers end at the same place)

    def labels_width(texts: list[TextBlock]) -> float:
        return lead + max(t.lines_at(1e6)[0].width for t in texts) + gap_after

    out: list[Flowable] = []
    top_labels = []
    for i, item in enumerate(block.items, 1):
        language, rtl = edition.language_of(item.text)
        top_labels.append(TextBlock((Span(label(i, 0, language, rtl)),), language, rtl, label_st, "Lbl",
                                    groups=((("L", key)), ("LI", (key, i)))))
    indent = labels_width(top_labels)
    for i, item in enumerate(block.items, 1):
        language, rtl = edition.language_of(item.text)
        li = ("LI", (key, i))
        body_key = (key, i, "body")
        body = make_text(item.text, item_st, "LBody", groups=(("L", key), li), key=body_key)
        if item.items:  # an item stays with the first line of its nested list
            out.append(CondPageBreak(3 * st.size * st.leading + gap))
        out.append(ListItem(top_labels[i - 1], body, 0.0, indent, gap_after, rtl))
        if item.items:
            sub_key = ("L", block.id, language, i)
            sub_labels = [TextBlock((Span(BULLETS[1]),), language, rtl, label_st, "Lbl",
                                    groups=(("L", key), li, ("LBody", body_key), ("L", sub_key), ("LI", (sub_key, j))))
                          for j in range(1, len(item.items) + 1)]
            sub_indent = labels_width(sub_labels)
            for j, sub in enumerate(item.items, 1):
                groups = (("L", key), li, ("LBody", body_key), ("L", sub_key), ("LI", (sub_key, j)))
                text = make_text(sub.text, item_st, "LBody", groups=groups, key=(sub_key, j, "body"))
                out.append(ListItem(sub_labels[j - 1], text, indent, sub_indent, gap_after, rtl))
    last = out[-1]
    last.spaceAfter = last.body.spaceAfter = st.space_after
    return out


# -- callouts --------------------------------------------------------------------
CUT_PAD = 0.25  # of a callout's padding, at the edge where it is split over a page break


class Callout(Flowable):
    """A boxed passage: a tinted box with a bar at its start edge, one hue per
    kind. Tagged as a section (Sect) with its title as a heading. Splits between
    and inside its paragraphs; each part is boxed."""

    def __init__(self, parts: list[TextBlock], fill: str, edge: str, pad: float, rtl: bool,
                 open_top: bool = False, open_bottom: bool = False):
        super().__init__()
        self.parts, self.fill, self.edge, self.pad, self.rtl = parts, fill, edge, pad, rtl
        self.open_top, self.open_bottom = open_top, open_bottom
        self.bar = 1.6 * MM

    def _inner(self, width: float) -> float:
        return width - 2 * self.pad - self.bar

    def _heights(self, width: float, avail: float) -> list[float]:
        return [p.wrap(self._inner(width), avail)[1] for p in self.parts]

    def _gap(self, i: int) -> float:
        return 0.0 if i == 0 else max(self.parts[i - 1].getSpaceAfter(), self.parts[i].getSpaceBefore())

    def _edges(self) -> tuple[float, float]:
        """The padding above and below its text; at a split the box runs on over
        the page break, so there only a quarter of it (the lines keep their room)."""
        return tuple(self.pad * (CUT_PAD if cut else 1.0) for cut in (self.open_top, self.open_bottom))

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        self.heights = self._heights(availWidth, availHeight)
        self.height = sum(self.heights) + sum(self._gap(i) for i in range(len(self.parts))) + sum(self._edges())
        return availWidth, self.height

    def split(self, availWidth, availHeight):
        """At the last line boundary that fits and leaves at least two of the
        box's lines on each side, not the title alone; of those, one that cuts
        no paragraph to a single line if there is one (widows and orphans).
        None: the box moves on whole."""
        inner = self._inner(availWidth)
        if self.wrap(availWidth, availHeight)[1] <= availHeight + 1e-6:
            return [self]
        counts = [len(p.lines_at(inner)) for p in self.parts]
        total, room, used = sum(counts), availHeight - self._edges()[0] - self.pad * CUT_PAD, 0.0
        cuts = []  # (part, its lines kept here, whether no paragraph is left a single line)
        for i, p in enumerate(self.parts):
            gap, lines = self._gap(i), p.lines_at(inner)
            if i and any(not q.role.startswith("H") for q in self.parts[:i]):
                cuts.append((i, 0, True))
            for j in range(1, counts[i]):
                if p.role.startswith("H") or used + gap + sum(line.height for line in lines[:j]) > room + 1e-6:
                    break
                cuts.append((i, j, j >= 2 and counts[i] - j >= 2))
            used += gap + sum(line.height for line in lines)
            if used > room + 1e-6:
                break
        ok = [(i, j, clean) for i, j, clean in cuts if sum(counts[:i]) + j >= 2 and total - sum(counts[:i]) - j >= 2]
        if not ok:
            return []
        i, j, _ = max(ok, key=lambda c: (c[2], c[0], c[1]))
        pieces = self.parts[i].split_at(inner, j) if j else []
        head = self.parts[:i] + pieces[:1]
        tail = (pieces[1:] if j else [self.parts[i]]) + self.parts[i + 1:]
        return [Callout(head, self.fill, self.edge, self.pad, self.rtl, self.open_top, True),
                Callout(tail, self.fill, self.edge, self.pad, self.rtl, True, self.open_bottom)]

    def texts(self) -> list[TextBlock]:
        return list(self.parts)

    def keep_height(self, width: float) -> float:
        first = self.parts[0]
        h = text_keep(first, self._inner(width)) + self.pad
        if first.role.startswith("H") and len(self.parts) > 1:
            h += self._gap(1) + text_keep(self.parts[1], self._inner(width))
        return h

    def draw(self):
        canv = self.canv
        canv._code.append(ARTIFACT_BEGIN)
        canv.saveState()
        canv.setFillColor(HexColor(self.fill))
        canv.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        canv.setFillColor(HexColor(self.edge))
        canv.rect(self.width - self.bar if self.rtl else 0, 0, self.bar, self.height, stroke=0, fill=1)
        canv.restoreState()
        canv._code.append(ARTIFACT_END)
        y = self.height - self._edges()[0]
        x = self.pad if self.rtl else self.pad + self.bar
        for i, (p, h) in enumerate(zip(self.parts, self.heights)):
            y -= self._gap(i) + h
            p.drawOn(canv, x, y)


def callout(edition, layout: Layout, block: model.Callout, st: Style, make_text, heading: str) -> Callout:
    key = ("Sect", block.id, edition.language_of(block.paragraphs[0])[0])
    title_st = Style(**{**st.__dict__, "bold": True, "colour": layout.colours["heading"],
                        "space_before": 0.0, "space_after": st.space_after * 0.4})
    if block.title:
        parts = [make_text(block.title, title_st, heading, groups=(("Sect", key),))]
    else:  # the kind, in words: colour alone must not say that this is a safety note (WCAG 1.4.1)
        parts = [TextBlock((Span(edition.labels.callout(block.kind)),), edition.language, edition.rtl, title_st,
                           heading, groups=(("Sect", key),))]
    inner = Style(**{**st.__dict__, "space_before": 0.0})
    parts += [make_text(p, inner, "P", groups=(("Sect", key),)) for p in block.paragraphs]
    rtl = edition.language_of(block.paragraphs[0])[1]
    box = Callout(parts, layout.colours[block.kind], layout.colours[block.kind + "_edge"], st.size * 0.8, rtl)
    box.spaceBefore, box.spaceAfter = st.space_after * 0.5, st.space_after * 1.5
    return box


# -- a body: any sequence of blocks ------------------------------------------------
def body(edition, layout: Layout, items, st: Style, make_text, text, heading: str = "H3") -> list[Flowable]:
    """The flowables for a body (leaflet.blocks), paragraphs in style `st`.
    `make_text(block, style, role, groups=(), key=None)` sets a translatable
    block, `text(spans, style)` a line of data; `heading` is the role of a
    callout's title (one level below the heading the body sits under)."""
    from . import figures

    out: list[Flowable] = []
    for item in items:
        if isinstance(item, model.Block):
            out.append(make_text(item, st, "P"))
        elif isinstance(item, model.List):
            out.extend(list_items(edition, item, st, make_text))
        elif isinstance(item, model.Callout):
            out.append(callout(edition, layout, item, st, make_text, heading))
        elif isinstance(item, model.Table):
            out.append(figures.table(edition, item, st, make_text, layout.colours))
        elif isinstance(item, model.Figure):
            out.extend(figure(edition, item, st, make_text, 0.6 * (layout.height - layout.margin_top
                                                                      - layout.margin_bottom)))
        elif isinstance(item, model.QR):
            out.append(figures.qr(edition, item, st, make_text, text))
        else:  # pragma: no cover - content.py makes only the types above
            raise TypeError(type(item).__name__)
    return out


def figure(edition, item: model.Figure, st: Style, make_text, max_height: float) -> list[Flowable]:
    from . import figures

    language = edition.language_of(item.alt)[0] if item.alt else edition.language
    from ..markup import plain

    fig = figures.Figure(item.path, plain(item.alt.spans) if item.alt else None, language,
                         item.width_mm * MM if item.width_mm else None, max_height)
    fig.spaceBefore, fig.spaceAfter = st.space_after * 0.5, st.space_after * (0.4 if item.caption else 1.5)
    if not item.caption:
        return [fig]
    cap_st = Style(**{**st.__dict__, "size": round(st.size * 0.9, 2), "italic": False, "align": "centre",
                      "space_before": 0.0, "space_after": st.space_after * 1.5})
    return [fig, make_text(item.caption, cap_st, "Caption")]
