"""A leaflet's content: YAML -> a typed, immutable model, validated with line numbers."""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, replace
from pathlib import Path

from . import images, markup, prose, source
from .errors import LeafletError
from .source import Node

ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
LANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$")
HOST = r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,}"
WEB = re.compile(rf"^https://{HOST}(?:/[^\s<>\"]*)?$")


@dataclass(frozen=True)
class Block:
    """One translatable piece of text. `id` is stable: catalogs key on it."""

    id: str
    text: str  # English source, with inline markup
    line: int
    note: str  # what the block is, for translators
    spans: tuple[markup.Span, ...]

    def with_text(self, text: str, spans: tuple[markup.Span, ...]) -> "Block":
        return replace(self, text=text, spans=spans)


@dataclass(frozen=True)
class Wordmark:
    """An organisation's mark: its name (set as text, in English, as a brand), or
    a logo image, which must come with alternative text for screen readers."""

    id: str
    name: str
    strapline: str | None
    logo: str | None = None  # path of a PNG or JPEG file
    alt: Block | None = None  # what the logo says, translatable


@dataclass(frozen=True)
class Section:
    id: str
    question: Block
    answer: tuple[Block, ...]


@dataclass(frozen=True)
class Contact:
    name: str
    role: Block
    department: Block
    address: tuple[str, ...]
    postcode: str
    telephone: str
    email: str
    website: str  # https:// URL

    @property
    def telephone_href(self) -> str:
        return markup.href_for("phone", self.telephone)

    @property
    def website_label(self) -> str:
        return display_url(self.website)


@dataclass(frozen=True)
class Leaflet:
    id: str
    source: str
    language: str
    layout: str
    organisation: str
    subject: str
    title: Block
    subtitle: Block
    wordmarks: tuple[Wordmark, ...]
    sections: tuple[Section, ...]
    intro: Block
    contact: Contact
    further_reading: Block
    further_reading_url: str
    updated: datetime.date | None = None  # printed, in the edition's language, on the back page

    def blocks(self) -> tuple[Block, ...]:
        """Every translatable block, in reading order."""
        out = [self.title, self.subtitle] + [m.alt for m in self.wordmarks if m.alt]
        for s in self.sections:
            out.append(s.question)
            out.extend(s.answer)
        out += [self.intro, self.contact.role, self.contact.department, self.further_reading]
        return tuple(out)

    @property
    def further_reading_label(self) -> str:
        return display_url(self.further_reading_url)


def display_url(url: str) -> str:
    return re.sub(r"^https?://", "", url).rstrip("/")


def load(path: Path | str) -> Leaflet:
    root = source.load(path)
    return from_node(root)


def from_node(root: Node) -> Leaflet:
    top = root.mapping(("id", "language", "layout", "organisation", "front", "sections", "back"),
                       ("subject", "updated"))
    leaflet_id = _id(top["id"])
    language = top["language"].text()
    if not LANGUAGE.match(language):
        raise top["language"].error(f"'{language}' is not a language tag such as en-GB")

    front = top["front"].mapping(("title", "subtitle"), ("wordmarks",))
    blocks = _Blocks()
    title = blocks.make(front["title"], "front.title", "Title on the front cover; keep it short (under 40 characters).")
    subtitle = blocks.make(front["subtitle"], "front.subtitle", "Subtitle on the front cover, under the title.")
    base = Path(root.file).parent
    wordmarks = tuple(_wordmark(n, blocks, base) for n in front["wordmarks"].items()) if "wordmarks" in front else ()

    sections = []
    section_ids: dict[str, int] = {}
    for node in top["sections"].items():
        sec = node.mapping(("id", "question", "answer"))
        sid = _id(sec["id"])
        if sid in section_ids:
            raise sec["id"].error(f"duplicate id '{sid}' (first on line {section_ids[sid]})")
        section_ids[sid] = sec["id"].line
        question = blocks.make(sec["question"], f"faq.{sid}.question", "A question, set as a heading.")
        answer = []
        for pnode in sec["answer"].items():
            para = pnode.mapping(("id", "text"), ("note",))  # note: for translators and reviewers
            pid = _id(para["id"])
            extra = f" {' '.join(para['note'].text().split())}" if "note" in para else ""
            answer.append(blocks.make(para["text"], f"faq.{sid}.{pid}",
                                      f"A paragraph answering: {question.text}{extra}", id_node=para["id"]))
        sections.append(Section(sid, question, tuple(answer)))

    back = top["back"].mapping(("intro", "contact", "further_reading"))
    intro = blocks.make(back["intro"], "back.intro", "Back page: introduces the contact details below it.")
    contact = _contact(back["contact"], blocks)
    further = back["further_reading"].mapping(("text", "url"))
    further_reading = blocks.make(further["text"], "back.further-reading",
                                  "Back page: where to read more. The web address is printed after it.")
    return Leaflet(
        id=leaflet_id, source=root.file, language=language, layout=_id(top["layout"]),
        organisation=top["organisation"].text().strip(),
        subject=top["subject"].text().strip() if "subject" in top else subtitle.text,
        title=title, subtitle=subtitle, wordmarks=wordmarks, sections=tuple(sections),
        intro=intro, contact=contact, further_reading=further_reading,
        further_reading_url=_web(further["url"]),
        updated=_date(top["updated"]) if "updated" in top else None,
    )


class _Blocks:
    """Makes blocks and refuses a duplicate block id."""

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}
        self.total = 0  # characters so far: a leaflet's text is bounded too (prose.MAX_TEXT)

    def make(self, node: Node, block_id: str, note: str, id_node: Node | None = None) -> Block:
        text = " ".join(node.text().split())
        if block_id in self.seen:
            raise (id_node or node).error(f"duplicate id '{block_id}' (first on line {self.seen[block_id]})")
        self.seen[block_id] = node.line
        try:
            spans = markup.parse(text)
        except markup.MarkupError as exc:
            raise node.error(str(exc)) from None
        self.total += len(text)
        if bad := prose.problem(text, spans) or prose.total_problem(self.total, len(self.seen)):
            raise node.error(bad)
        for span in spans:
            if span.is_data:
                raise node.error(f"contact data '{span.text}' belongs in a data field (telephone, email, "
                                 "website, further_reading.url), not in translatable text")
        return Block(block_id, text, node.line, note, spans)


def _id(node: Node) -> str:
    value = node.text()
    if not ID.match(value):
        raise node.error(f"'{value}' is not a valid id (lower-case letters, digits and '-')")
    return value


def _wordmark(node: Node, blocks: "_Blocks", base: Path) -> Wordmark:
    m = node.mapping(("id", "name"), ("strapline", "logo", "alt"))
    mark_id = _id(m["id"])
    logo = alt = None
    if "logo" in m:
        logo = images.logo(m["logo"], base)
        if "alt" not in m:
            raise m["logo"].error("a logo needs 'alt': the text a screen reader says for it")
        alt = blocks.make(m["alt"], f"wordmarks.{mark_id}.alt",
                          "Alternative text for a logo, read aloud by screen readers: say what the logo says.")
    elif "alt" in m:
        raise m["alt"].error("'alt' describes a logo, and this mark has none")
    return Wordmark(mark_id, m["name"].text().strip(), m["strapline"].text().strip() if "strapline" in m else None,
                    logo, alt)


def _contact(node: Node, blocks: _Blocks) -> Contact:
    m = node.mapping(("name", "role", "department", "address", "postcode", "telephone", "email", "website"))
    email = m["email"].text().strip()
    if not markup.EMAIL.fullmatch(email):
        raise m["email"].error(f"'{email}' is not an e-mail address")
    phone = m["telephone"].text().strip() if isinstance(m["telephone"].value, str) else None
    if phone is None or not markup.PHONE.fullmatch(phone):
        raise m["telephone"].error(f"'{m['telephone'].value}' is not a UK telephone number (e.g. 020 8547 6111)")
    postcode = m["postcode"].text().strip()
    if not POSTCODE.match(postcode):
        raise m["postcode"].error(f"'{postcode}' is not a UK postcode")
    return Contact(
        name=m["name"].text().strip(),
        role=blocks.make(m["role"], "contact.role", "Job title of the contact person."),
        department=blocks.make(m["department"], "contact.department", "Name of the contact's service or team."),
        address=tuple(a.text().strip() for a in m["address"].items()),
        postcode=postcode, telephone=phone, email=email, website=_web(m["website"]),
    )


def _date(node: Node) -> datetime.date:
    if isinstance(node.value, datetime.datetime) or not isinstance(node.value, datetime.date):
        raise node.error(f"must be a date like 2026-11-26, got {source.kind(node.value)}")
    return node.value


def _web(node: Node) -> str:
    url = node.text().strip()
    if not WEB.match(url):
        raise node.error(f"'{url}' is not a web address starting with https://")
    return url


__all__ = ["Block", "Contact", "Leaflet", "Section", "Wordmark", "load", "from_node", "LeafletError"]
