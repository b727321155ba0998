"""An edition's panels as flowables: front, questions and answers, back."""
from __future__ import annotations

from dataclasses import dataclass

from babel.dates import format_date
from reportlab.lib.utils import ImageReader
from reportlab.platypus import CondPageBreak, Flowable, Spacer, Table, TableStyle

from .. import fonts
from ..catalogs import languages
from ..content import Block
from ..edition import Edition
from ..layout import MM, Layout
from ..markup import Span, href_for, plain
from ..text.paragraph import Style, TextBlock


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


def panels(edition: Edition, layout: Layout, body: float, back_width: float) -> Panels:
    return Panels(front_band(edition, layout), wordmarks(edition, layout, back_width), faq(edition, layout, body),
                  back(edition, layout, back_width, body))


def _block(edition: Edition, block: Block, st: Style, role: str = "P", bookmark: bool = False) -> TextBlock:
    language, rtl = edition.language_of(block)
    return TextBlock(block.spans, language, rtl, st, role, block.id,
                     bookmark=plain(block.spans) if bookmark else None)


def _text(edition: Edition, spans: tuple[Span, ...], st: Style, role: str = "P", language: str | None = None,
          rtl: bool | None = None) -> TextBlock:
    return TextBlock(spans, language or edition.language, edition.rtl if rtl is None else rtl, st, role)


def front_band(edition: Edition, layout: Layout) -> list[Flowable]:
    leaflet = edition.leaflet
    out = [_block(edition, leaflet.title, style(layout, "title"), "H1"),
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


def wordmarks(edition: Edition, layout: Layout, width: float) -> list[Flowable]:
    """The front page below the band: the other languages, then the organisations.

    The languages are on the front, not the back, so that a family sees its
    own language's name first thing (and the back of a Nastaliq edition is full)."""
    out: list[Flowable] = []
    if edition.also:
        out += also_available(edition, style(layout, "body"), style(layout, "contact"), width)
    # Organisation names are brand marks: set in English, as their logos would be;
    # a logo is a Figure whose alternative text is in the edition's language.
    for mark in edition.leaflet.wordmarks:
        if mark.logo:
            out.append(Logo(mark.logo, plain(mark.alt.spans), edition.language_of(mark.alt)[0], LOGO_HEIGHT))
        else:
            out.append(_text(edition, (Span(mark.name),), style(layout, "wordmark"), language="en", rtl=False))
        if mark.strapline:
            out.append(_text(edition, (Span(mark.strapline),), style(layout, "strapline"), language="en", rtl=False))
    return out


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
        out.extend(_block(edition, p, a_style) for p in section.answer)
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


def _keeps_next(f: Flowable) -> bool:
    return any(b.role == "H2" or plain(b.spans).rstrip().endswith(LEAD_IN_ENDS) for b in text_blocks(f))


def keep_with_next(flowables: list[Flowable]) -> list[Flowable]:
    """The flowables with a KeepWithNext before each run of questions and
    lead-ins (a question and its translation, in a bilingual form)."""
    flowables = [f for f in flowables if not isinstance(f, KeepWithNext)]
    out: list[Flowable] = []
    i = 0
    while i < len(flowables):
        j = i
        while j < len(flowables) and _keeps_next(flowables[j]):
            j += 1
        if j > i and j < len(flowables):
            out.append(KeepWithNext(flowables[i:j], flowables[j]))
        out.extend(flowables[i:j + 1])
        i = j + 1
    return out


def back(edition: Edition, layout: Layout, width: float, size: float | None = None) -> list[Flowable]:
    """The back page at body size `size` (the layout's default when None)."""
    body, contact = style(layout, "body", size), scaled(style(layout, "contact"), layout, size)
    return [intro(edition, body)] + contact_lines(edition, body, contact) + further(edition, layout, body)


def intro(edition: Edition, body: Style) -> Flowable:
    return _block(edition, edition.leaflet.intro, body)


def contact_lines(edition: Edition, body: Style, contact: Style) -> list[Flowable]:
    labels, c = edition.labels, edition.leaflet.contact
    # The name, address and postcode are data, in the leaflet's own language (a
    # screen reader reads "Lee Hopkins" and "KT1 1EU" in an English voice);
    # role and department are translated. Alignment stays the edition's.
    data = edition.leaflet.language
    lines: list[tuple[tuple[Span, ...], str]] = [((Span(c.name, bold=True),), data),
                                                 (c.role.spans, edition.language_of(c.role)[0]),
                                                 (c.department.spans, edition.language_of(c.department)[0])]
    lines += [((Span(a),), data) for a in c.address] + [((Span(c.postcode),), data)]
    out = [_text(edition, spans, contact if i < len(lines) - 1 else _after(contact, body.space_after), language=lang)
           for i, (spans, lang) in enumerate(lines)]
    for name, value, kind, href in (
            (labels.telephone, c.telephone, "phone", c.telephone_href),
            (labels.email, c.email, "email", href_for("email", c.email)),
            (labels.website, c.website_label, "url", c.website)):
        out.append(_text(edition, (Span(f"{name}: ", bold=True), Span(value, href=href, kind=kind)), contact))
    return out


def further(edition: Edition, layout: Layout, body: Style) -> list[Flowable]:
    """Further reading, its web address, and the date of this version."""
    leaflet = edition.leaflet
    out = [_block(edition, leaflet.further_reading, _before(_after(body, 0.0), body.space_after)),
           _text(edition, (Span(leaflet.further_reading_label, href=leaflet.further_reading_url, kind="url"),), body)]
    if leaflet.updated:
        date = format_date(leaflet.updated, "long", locale=edition.language.replace("-", "_"))
        out.append(_text(edition, (Span(edition.labels.updated_on(date)),),
                         _before(style(layout, "footer"), body.size)))
    return out


def also_available(edition: Edition, body: Style, names: Style, width: float) -> list[Flowable]:
    """The other languages, each named in its own script and set in its own language."""
    heading = _text(edition, (Span(edition.labels.also_available, bold=True),), _after(body, body.space_after / 2))
    cells = []
    names = Style(**{**names.__dict__, "align": "right" if edition.rtl else "left"})  # one edge for all
    for code in edition.also:
        lang = languages.get(code)
        cells.append(TextBlock((Span(lang.native_name),), code if not code.startswith("en") else "en-GB",
                               lang.rtl, names, role="LBody", groups=(("L", "languages"), ("LI", code))))
    columns = 4
    rows = [cells[i:i + columns] for i in range(0, len(cells), columns)]
    for row in rows:  # a Nastaliq name's line is taller: line up the baselines, not the tops
        baselines = [cell.first_baseline(width / columns - 4) for cell in row]
        for cell, baseline in zip(row, baselines):
            cell.drop = max(baselines) - baseline
    rows = [r + [Spacer(0, 0) for _ in range(columns - len(r))] for r in rows]  # "" would set Helvetica
    if edition.rtl:
        rows = [r[::-1] for r in rows]
    table = Table(rows, colWidths=[width / columns] * columns)
    table.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                               ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                               ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               # Table sets a cell font even for flowable cells: not Helvetica (unembedded)
                               ("FONT", (0, 0), (-1, -1), fonts.face(fonts.families()[0].file(False, False)).name)]))
    table.spaceAfter = body.size * 1.5
    return [heading, table]


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
