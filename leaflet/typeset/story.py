"""An edition's panels as flowables: front, questions and answers, back."""
from __future__ import annotations

from dataclasses import dataclass, replace

from reportlab.lib.colors import HexColor
from reportlab.lib.utils import ImageReader
from reportlab.platypus import CondPageBreak, Flowable, Spacer, Table, TableStyle

from .. import fonts
from ..catalogs import languages
from ..content import Block
from ..edition import Edition
from ..layout import MM, Layout
from ..markup import Span, for_print, href_for, plain
from ..text.paragraph import Style, TextBlock
from . import blocks
from . import backmatter
from .backmatter import BackMatter


@dataclass(frozen=True)
class Panels:
    band: list  # front cover: title block inside the coloured band
    wordmarks: list  # front cover: organisations, below the band
    faq: list  # questions and answers, flowing over the inner pages
    back: list  # back page: contact details and further reading


def style(layout: Layout, name: str, body: float | None = None, align: str = "start") -> Style:
    s = layout.style(name, body)
    return Style(size=s.size, leading=s.leading, colour=layout.colours[s.colour],
                 link_colour=layout.colours["link"] if s.colour != "band_text" else layout.colours[s.colour],
                 bold=s.bold, italic=s.italic, space_before=s.space_before * s.size,
                 space_after=s.space_after * s.size, align=align)


def _block(edition: Edition, block: Block, st: Style, role: str = "P", bookmark: bool = False,
           groups: tuple = (), key: object = None) -> TextBlock:
    language, rtl = edition.language_of(block)
    spans = edition.leaflet.resolve(block.spans)  # {duty.telephone} -> the linked number
    if edition.medium == "print":
        spans = for_print(spans)
    return TextBlock(spans, language, rtl, st, role, block.id,
                     bookmark=plain(block.spans) if bookmark else None, groups=groups, key=key)


def set_body(edition: Edition, layout: Layout, items, st: Style, heading: str = "H3") -> list[Flowable]:
    """A body of blocks (paragraphs, lists, callouts, tables, figures, QR codes)."""
    return blocks.body(edition, layout, items, st,
                       lambda b, s, role, groups=(), key=None: _block(edition, b, s, role, groups=groups, key=key),
                       lambda spans, s: _text(edition, spans, s), heading)


def _text(edition: Edition, spans: tuple[Span, ...], st: Style, role: str = "P", language: str | None = None,
          rtl: bool | None = None) -> TextBlock:
    return TextBlock(spans, language or edition.language, edition.rtl if rtl is None else rtl, st, role)


def front_band(edition: Edition, layout: Layout, title_scale: float = 1.0) -> list[Flowable]:
    """The title block; `title_scale` < 1 sets the title smaller (two titles stacked in a bilingual cover)."""
    leaflet = edition.leaflet
    title = style(layout, "title")
    if title_scale != 1.0:
        title = Style(**{**title.__dict__, "size": round(title.size * title_scale, 2),
                         "space_after": title.space_after * title_scale})
    out = [_block(edition, leaflet.title, title, "H1"),
           _block(edition, leaflet.subtitle, style(layout, "subtitle"))]
    if not edition.is_english:
        # So that a professional can tell what they hand out: the language's own
        # name, and a line in English, each a block of its own language.
        lang = languages.get(edition.language)
        identity = style(layout, "identity")
        out.append(_text(edition, (Span(lang.native_name, bold=True),), _before(identity, identity.size)))
        out.append(_text(edition, (Span(f"{edition.english_title}. In {lang.english_name}."),), identity,
                         language="en-GB", rtl=False))
    return out


def wordmarks(edition: Edition, layout: Layout, width: float, second: Edition | None = None) -> list[Flowable]:
    """The front page below the band: one tinted foot panel holding the front's
    text and the other languages at its top, the organisations at its foot.
    A bilingual edition's cover says it in both languages (`second`: English).

    The languages are on the front, not the back, so that a family sees its
    own language's name first thing (and the back of a Nastaliq edition is full)."""
    inner = width - 2 * FootPanel.pad(layout)
    top = front_text(edition, layout) + (front_text(second, layout) if second is not None else [])
    if edition.also:
        top += also_available(edition, style(layout, "body"), style(layout, "contact"), inner, second=second)
    return [FootPanel(top, organisations(edition, layout), layout)]


def front_text(edition: Edition, layout: Layout, size: float | None = None) -> list[Flowable]:
    """The front's own text (a lead-in under the title), at body size `size`."""
    return set_body(edition, layout, edition.leaflet.front, style(layout, "body", size), "H2")


def organisations(edition: Edition, layout: Layout) -> list[Flowable]:
    """The organisations' marks: names (brand marks: set in English, as their
    logos would be) with their straplines, or logos, a logo being a Figure
    whose alternative text is in the edition's language."""
    marks: list[Flowable] = []
    for mark in edition.leaflet.wordmarks:
        if mark.logo:
            height = mark.height_mm * MM if mark.height_mm else LOGO_HEIGHT
            marks.append(Logo(mark.logo, plain(mark.alt.spans), edition.language_of(mark.alt)[0], height))
        else:
            marks.append(_text(edition, (Span(mark.name),), style(layout, "wordmark"), language="en", rtl=False))
        if mark.strapline:
            marks.append(_text(edition, (Span(mark.strapline),), style(layout, "strapline"), language="en",
                               rtl=False))
    if marks:
        marks[-1].spaceAfter = 0
    return marks


class FootPanel(Flowable):
    """The cover's foot: a tinted field from under the band to the foot of the
    page (the band's white margin round it), the front's text and the
    languages from its top, the organisations from its bottom. It takes the
    frame's whole height, so the cover has no white void between band and
    foot; the band is sized so that the frame is no taller than the panel's
    text and the layout's foot_gap between its two groups (`snug`)."""

    def __init__(self, top: list, bottom: list, layout: Layout):
        super().__init__()
        self.top, self.bottom, self.layout = top, bottom, layout
        self.inset = FootPanel.pad(layout)

    @staticmethod
    def pad(layout: Layout) -> float:
        """Its text keeps to the page's margins, in line with the title; the tint
        runs out past them to the band's edges, so no inset is needed."""
        return 0.0

    def _stack(self, parts: list, width: float, avail: float) -> tuple[list[float], float]:
        heights = [p.wrap(width, avail)[1] for p in parts]
        gaps = [0.0] + [max(a.getSpaceAfter(), b.getSpaceBefore()) for a, b in zip(parts, parts[1:])]
        return heights, sum(heights) + sum(gaps)

    def _gap(self) -> float:
        return self.layout.style("body").size * 1.2 if self.top and self.bottom else 0.0

    def wrap(self, availWidth, availHeight):
        inner = availWidth - 2 * self.inset
        self.width = availWidth
        _, top = self._stack(self.top, inner, availHeight)
        _, bottom = self._stack(self.bottom, inner, availHeight)
        self.content = top + bottom + self._gap() + 2 * self.inset
        self.height = max(self.content, availHeight - 0.01)  # fill the frame: see the class's note
        return availWidth, self.height

    def snug(self, width: float) -> float:
        """The frame height it is composed for: its text, and between the two
        groups at most the layout's foot_gap."""
        self.wrap(width, 1e6)
        gap = self._gap()
        return self.content + (max(gap, self.layout.foot_gap) - gap if gap else 0.0)

    def texts(self) -> list:
        return [f for f in self.top + self.bottom if isinstance(f, TextBlock)]

    def draw(self):
        canv, L = self.canv, self.layout
        # The tint runs out to where the band's edges are (into the bleed in a press file):
        # the frame is inset by the page margins, the band by band_margin.
        edge = -L.bleed if L.bleed else L.band_margin
        left, right = L.margin_inside - edge, L.margin_outside - edge
        below, above = L.margin_bottom - edge, max(L.margin_top - L.band_margin, 0.0)  # white gutter: band_margin

        def field():
            canv.saveState()
            canv.setFillColor(HexColor(L.colours["panel"]))
            canv.rect(-left, -below, self.width + left + right, self.height + below + above, stroke=0, fill=1)
            canv.restoreState()

        canv.artifact(field)
        inner = self.width - 2 * self.inset
        y = self.height - self.inset
        heights, _ = self._stack(self.top, inner, self.height)
        for i, (p, h) in enumerate(zip(self.top, heights)):
            y -= (max(self.top[i - 1].getSpaceAfter(), p.getSpaceBefore()) if i else 0) + h
            p.drawOn(canv, self._x(p, inner), y)
        heights, total = self._stack(self.bottom, inner, self.height)
        y = self.inset + total
        for i, (p, h) in enumerate(zip(self.bottom, heights)):
            y -= (max(self.bottom[i - 1].getSpaceAfter(), p.getSpaceBefore()) if i else 0) + h
            p.drawOn(canv, self._x(p, inner), y)

    def _x(self, f: Flowable, inner: float) -> float:
        # a flowable narrower than the column (a logo, the languages table) keeps to its start edge
        w = getattr(f, "width", inner) or inner
        rtl = getattr(f, "rtl", False)
        return self.inset + (inner - w if rtl and w < inner else 0.0)


def band_height(edition: Edition, layout: Layout, second: Edition | None = None) -> float:
    """The cover band, proportioned to its title block: at least the layout's
    band_height_mm, taller when the title needs it (a long Tamil title, two
    stacked titles) or when the foot panel's text leaves room (the band takes
    it, as room for a logo above the title, instead of a void in the panel),
    never so tall that the foot panel has no room."""
    width = layout.width - layout.margin_inside - layout.margin_outside
    band = front_band(edition, layout)
    if second is not None:
        band = band[:2] + front_band(second, layout)[:2]
    used = sum(f.wrap(width, layout.height)[1] + (f.getSpaceBefore() if i else 0) + f.getSpaceAfter()
               for i, f in enumerate(band)) - band[-1].getSpaceAfter()
    need = max(layout.band_height, used + layout.margin_top + layout.margin_bottom * 0.8 + 1.0)
    if layout.front_place == "first":  # page 1 is the cover: band over a foot panel sized to its text
        foot = wordmarks(edition, layout, width, second)[0].snug(width)
        need = max(need, layout.height - layout.margin_top - layout.margin_bottom - foot)
    return min(need, layout.height * 0.7)


LOGO_HEIGHT = 16 * MM


class Logo(Flowable):
    """A logo image, tagged as a Figure with its alternative text."""

    def __init__(self, path: str, alt: str, language: str, height: float):
        super().__init__()
        self.path, self.alt, self.language = path, alt, language
        w, h = ImageReader(path).getSize()
        self.image_height, self.image_width = height, height * w / h
        self.spaceAfter = height / 4

    def wrap(self, availWidth, availHeight):
        scale = min(1.0, availWidth / self.image_width)
        self.width, self.height = self.image_width * scale, self.image_height * scale
        return self.width, self.height

    def draw(self):
        canv = self.canv
        tagger = getattr(canv, "tagger", None)
        if tagger:
            canv._code.append(tagger.begin(tagger.element("Figure", key=self, alt=self.alt, lang=self.language)))
        canv.drawImage(self.path, 0, 0, self.width, self.height, mask="auto")
        if tagger:
            canv._code.append("EMC")


def faq(edition: Edition, layout: Layout, body: float) -> list[Flowable]:
    q_style, a_style = style(layout, "question", body), style(layout, "body", body)
    out: list[Flowable] = []
    for section in edition.leaflet.sections:
        out.append(_block(edition, section.question, q_style, "H2", bookmark=True))
        out.extend(set_body(edition, layout, section.answer, a_style))
    return keep_with_next(out)


# -- keep with next -----------------------------------------------------------

LEAD_IN_ENDS = (":", "\uff1a")  # a colon, and the full-width colon of Chinese


class KeepWithNext(CondPageBreak):
    """A page break unless the next flowable and the start of the one after it
    fit: a question is never the last thing on its page, nor a lead-in ending
    with a colon. The room is measured on the flowables themselves, at the
    frame's width (a Nastaliq line is 2.5 em, not the layout's leading)."""

    def __init__(self, heads: list[Flowable], following: Flowable):
        super().__init__(0.0)
        self.heads, self.following = heads, following  # heads: a question, and its translation

    def needed(self, width: float, limit: float) -> float:
        room = sum(h.getSpaceBefore() + h.wrap(width, limit)[1] + h.getSpaceAfter() for h in self.heads)
        room += self.following.getSpaceBefore()
        return room + start_room(self.following, width, max(limit - room, 0.0))

    def wrap(self, availWidth, availHeight):
        frame = self._doctemplateAttr("frame")
        self.height = self.needed(availWidth, frame._height if frame else availHeight)
        return super().wrap(availWidth, availHeight)


def start_room(f: Flowable, width: float, limit: float) -> float:
    """The least height in which `f`, or a first part of it, can start: found
    with its own wrap and split (two lines of a paragraph, both columns of a
    pair...), so whatever rule the flowable splits by is the rule kept."""
    def starts(height: float) -> bool:
        return f.wrap(width, height)[1] <= height + 1e-6 or len(f.split(width, height)) > 1

    if not starts(limit):
        return limit
    lo, hi = 0.0, limit
    while hi - lo > 0.25:
        mid = (lo + hi) / 2
        lo, hi = (lo, mid) if starts(mid) else (mid, hi)
    f.wrap(width, limit)
    return hi


def text_blocks(f: Flowable) -> list[TextBlock]:
    """The text blocks a flowable sets: itself, or both sides of a bilingual pair."""
    inner = [getattr(f, name, None) for name in ("first", "second", "block")]
    return [b for b in [f, *inner] if isinstance(b, TextBlock)]


def keeps_next(f: Flowable) -> bool:
    if getattr(f, "keep_next", False):  # a lead-in moved with its contact (backmatter.settle)
        return True
    return any(b.role == "H2" or plain(b.spans).rstrip().endswith(LEAD_IN_ENDS) for b in text_blocks(f))


def keep_with_next(flowables: list[Flowable]) -> list[Flowable]:
    """The flowables with a KeepWithNext before each run of questions and
    lead-ins (a question and its translation, in a bilingual form)."""
    flowables = [f for f in flowables if not isinstance(f, KeepWithNext)]
    out: list[Flowable] = []
    i = 0
    while i < len(flowables):
        j = i
        while j < len(flowables) and keeps_next(flowables[j]):
            j += 1
        if j > i and j < len(flowables):
            out.append(KeepWithNext(flowables[i:j], flowables[j]))
        out.extend(flowables[i:j + 1])
        i = j + 1
    return out


def back_matter(edition: Edition, layout: Layout, size: float | None = None) -> BackMatter:
    """The introduction, each contact's panel and the further reading, at body size `size`."""
    st, contact = style(layout, "body", size), scaled(style(layout, "contact"), layout, size)
    return backmatter.of(intro(edition, st, layout),
                         [[contact_panel(edition, layout, contact_group(edition, n, st, contact), st)]
                          for n in range(len(edition.leaflet.contacts))],
                         further(edition, layout, st), updated(edition, layout, st))


def contact_panel(edition: Edition, layout: Layout, lines: list[TextBlock], body: Style) -> Flowable:
    """A contact's lines as a distinct panel: the layout's panel tint (text on it
    checked for 4.5:1 when the layout is read) with a bar at the start edge,
    the callouts' box, so that a reader finds the numbers at a glance."""
    lines[-1].spaceAfter = 0
    pad = min(body.size * 0.45, 2 * MM)  # large print keeps its page for text, not padding
    box = blocks.Callout(lines, layout.colours["panel"], layout.colours["panel_rule"], pad, edition.rtl)
    box.spaceBefore, box.spaceAfter = body.space_after * 0.3, body.space_after * 0.8
    box.split = lambda width, height: []  # a contact is kept whole: it moves to the next page instead
    return box


def intro(edition: Edition, st: Style, layout: Layout) -> list[Flowable]:
    """The back page's text before the contacts."""
    return set_body(edition, layout, edition.leaflet.intro, st)


def contact_group(edition: Edition, n: int, body: Style, contact: Style) -> list[Flowable]:
    """The lines of the leaflet's contact number `n`: name, role, team, address,
    then each number, e-mail and website labelled, then opening hours."""
    contacts = edition.leaflet.contacts
    return _contact(edition, contacts[n], body, contact, last=n == len(contacts) - 1)


def _contact(edition: Edition, c, body: Style, contact: Style, last: bool) -> list[Flowable]:
    labels = edition.labels
    # The name, address and postcode are data, in the leaflet's own language (a
    # screen reader reads "Lee Hopkins" and "KT1 1EU" in an English voice);
    # role and team are translated. Alignment stays the edition's.
    data = edition.leaflet.language
    lines: list[tuple[tuple[Span, ...], str]] = [((Span(c.name, bold=True),), data)] if c.name else []
    lines += [(edition.leaflet.resolve(b.spans), edition.language_of(b)[0]) for b in (c.role, c.team) if b]
    lines += [((Span(a),), data) for a in c.address] + ([((Span(c.postcode),), data)] if c.postcode else [])
    out = [_text(edition, spans, contact if i < len(lines) - 1 else _after(contact, body.space_after), language=lang)
           for i, (spans, lang) in enumerate(lines)]  # the last with a gap before the numbers
    data = [(labels.phone(p.kind), p.display, "phone", p.href) for p in c.phones]
    if c.email:
        data.append((labels.email, c.email, "email", href_for("email", c.email)))
    if c.website:
        data.append((labels.website, c.website_label, "url", c.website))
    for name, value, kind, href in data:
        out.append(_text(edition, (Span(f"{name}: ", bold=True), Span(value, href=href, kind=kind)), contact))
    if c.hours:
        out.append(_text(edition, (Span(f"{labels.hours}:", bold=True),), contact))
        out += [_text(edition, (Span(edition.opening(h)),), contact) for h in c.hours]
    if out and not last:
        out[-1].spaceAfter = body.space_after * 2
    return out


def further(edition: Edition, layout: Layout, body: Style) -> list[Flowable]:
    """Further reading, each with its web address."""
    out: list[Flowable] = []
    for f in edition.leaflet.further_reading:
        out += [_block(edition, f.text, _before(_after(body, 0.0), body.space_after)),
                _text(edition, (Span(f.label, href=f.url, kind="url"),), body)]
    return out


def updated(edition: Edition, layout: Layout, body: Style) -> list[Flowable]:
    """The date of this version, closing the back matter."""
    if not edition.leaflet.updated:
        return []
    date = edition.updated()
    return [_text(edition, (Span(edition.labels.updated_on(date)),), _before(style(layout, "footer"), body.size))]


def also_available(edition: Edition, body: Style, names: Style, width: float, columns: int = 4,
                   second: Edition | None = None) -> list[Flowable]:
    """The other languages, each named in its own script and set in its own language;
    the heading in `second`'s language too, under it."""
    said = [e for e in (edition, second) if e is not None]
    headings = [_text(e, (Span(e.labels.also_available, bold=True),),
                      _after(body, body.space_after / 2 if e is said[-1] else 0)) for e in said]
    cells = []
    names = Style(**{**names.__dict__, "align": "right" if edition.rtl else "left"})  # one edge for all
    for code in edition.also:
        lang = languages.get(code)
        cells.append(TextBlock((Span(lang.native_name),), code if not code.startswith("en") else "en-GB",
                               lang.rtl, names, role="LBody", groups=(("L", "languages"), ("LI", code))))
    cells = one_line_box(cells, width / columns - 4)
    rows = [cells[i:i + columns] for i in range(0, len(cells), columns)]
    rows = [r + [Spacer(0, 0) for _ in range(columns - len(r))] for r in rows]  # "" would set Helvetica
    if edition.rtl:
        rows = [r[::-1] for r in rows]
    table = Table(rows, colWidths=[width / columns] * columns)
    table.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                               # rows a paragraph's space apart: a Nastaliq or Bengali name's ink clear of the next
                               ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -2), body.space_after),
                               ("BOTTOMPADDING", (0, -1), (-1, -1), 0),
                               ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               # Table sets a cell font even for flowable cells: not Helvetica (unembedded)
                               ("FONT", (0, 0), (-1, -1), fonts.face(fonts.families()[0].file(False, False)).name)]))
    table.spaceAfter = body.size * 1.5
    return [*headings, table]


def one_line_box(cells: list[TextBlock], width: float) -> list[TextBlock]:
    """The cells with one line box, the plainest font's (the least tall): so that
    every row of the grid has one pitch and one baseline. A Naskh or Nastaliq
    name, whose font's line is far taller than its ink, does not stretch its row."""
    if not cells:
        return cells
    plain_line = min((c.lines_at(width)[0] for c in cells), key=lambda line: line.height)
    box = {"ascent": plain_line.ascent, "descent": plain_line.descent, "height": plain_line.height}
    return [TextBlock(c.spans, c.language, c.rtl, c.style, c.role, groups=c.groups, para=c.para,
                      lines=[replace(line, **box) for line in c.lines_at(width)]) for c in cells]


def scaled(st: Style, layout: Layout, size: float | None) -> Style:
    """A style that follows the body size when autofit shrinks it."""
    if size is None:
        return st
    k = size / layout.style("body").size
    return Style(**{**st.__dict__, "size": round(st.size * k, 2), "space_before": st.space_before * k,
                    "space_after": st.space_after * k})


def _after(st: Style, space: float) -> Style:
    return Style(**{**st.__dict__, "space_after": space})


def _before(st: Style, space: float) -> Style:
    return Style(**{**st.__dict__, "space_before": space})
