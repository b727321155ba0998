"""A leaflet's content: YAML -> a typed, immutable model, validated with line numbers.

Block types (paragraphs, lists, callouts, tables, figures, QR codes) are in
leaflet.blocks; contacts in leaflet.contacts. Mistakes are collected where
parts are independent (sections, contacts), so one run reports them all.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, replace
from pathlib import Path

from . import images, markup, source
from .blocks import Block, Body, Maker, body_blocks, map_body, parse_body
from .blocks.base import collect, describe, fields, ident, items, raise_all, text
from .blocks.web import display_url, web
from .contacts import Contact, check_references
from . import contacts as contacts_module
from .errors import LeafletError
from .source import Node

LANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
SCHEMA_COMMENT = "# yaml-language-server: $schema=../schema/leaflet.schema.json"
TOP = ("id", "language", "layout", "organisation", "subject", "updated", "front", "sections", "back")
TOP_REQUIRED = ("id", "organisation", "front", "sections")


@dataclass(frozen=True)
class Wordmark:
    """An organisation's mark: its name (set as text, in English, as a brand), or
    a logo image, which must come with alternative text for screen readers."""

    id: str
    name: str
    strapline: str | None
    logo: str | None = None  # path of a PNG or JPEG file
    alt: Block | None = None  # what the logo says, translatable
    height_mm: float | None = None  # the logo's height (default: the layout engine's)


@dataclass(frozen=True)
class Section:
    id: str
    question: Block
    answer: Body


@dataclass(frozen=True)
class Further:
    """A further-reading entry: a sentence, then its web address."""

    text: Block
    url: str

    @property
    def label(self) -> str:
        return display_url(self.url)


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
    intro: Body = ()  # back page, before the contacts
    contacts: tuple[Contact, ...] = ()
    further_reading: tuple[Further, ...] = ()
    updated: datetime.date | None = None  # printed, in the edition's language, on the back page
    front: Body = ()  # front cover, below the band

    def blocks(self) -> tuple[Block, ...]:
        """Every translatable block, in reading order."""
        out = [self.title, self.subtitle] + [m.alt for m in self.wordmarks if m.alt] + list(body_blocks(self.front))
        for s in self.sections:
            out.append(s.question)
            out.extend(body_blocks(s.answer))
        out += body_blocks(self.intro)
        for c in self.contacts:
            out += c.blocks()
        out += [f.text for f in self.further_reading]
        return tuple(out)

    def map_blocks(self, fn) -> "Leaflet":
        """The leaflet with every block replaced by `fn(block)` (translation)."""
        return replace(
            self, title=fn(self.title), subtitle=fn(self.subtitle),
            wordmarks=tuple(replace(m, alt=fn(m.alt)) if m.alt else m for m in self.wordmarks),
            front=map_body(self.front, fn),
            sections=tuple(replace(s, question=fn(s.question), answer=map_body(s.answer, fn)) for s in self.sections),
            intro=map_body(self.intro, fn), contacts=tuple(c.map(fn) for c in self.contacts),
            further_reading=tuple(replace(f, text=fn(f.text)) for f in self.further_reading))

    def resolve(self, spans: tuple[markup.Span, ...]) -> tuple[markup.Span, ...]:
        """Spans with each `{contact.field}` replaced by that contact's linked data."""
        if not any(s.kind == "ref" for s in spans):
            return spans
        by_id = {c.id: c for c in self.contacts}
        out = []
        for s in spans:
            if s.kind == "ref":
                cid, field = markup.REF.fullmatch(s.text).groups()
                data = by_id[cid].reference(field)  # checked when the leaflet was loaded
                s = replace(data, bold=s.bold, italic=s.italic)
            out.append(s)
        return tuple(out)


def load(path: Path | str) -> Leaflet:
    root = source.load(path)
    return from_node(root)


def from_node(root: Node) -> Leaflet:
    errors: list[LeafletError] = []
    top = fields(root, TOP_REQUIRED, tuple(k for k in TOP if k not in TOP_REQUIRED), errors)
    maker = Maker()
    parts: dict = {}

    def attempt(name, fn):
        if name in TOP_REQUIRED and name not in top:
            return  # reported as missing
        try:
            parts[name] = fn()
        except LeafletError as exc:
            collect(errors, exc)

    attempt("id", lambda: ident(top["id"]))
    attempt("language", lambda: _language(top["language"]) if "language" in top else "en-GB")
    attempt("layout", lambda: ident(top["layout"]) if "layout" in top else "a5-fold")
    attempt("organisation", lambda: text(top["organisation"]))
    attempt("updated", lambda: _date(top["updated"]) if "updated" in top else None)
    attempt("front", lambda: _front(top["front"], maker))
    attempt("sections", lambda: _sections(top["sections"], maker))
    attempt("back", lambda: _back(top["back"], maker) if "back" in top else ((), (), ()))
    raise_all(errors)
    title, subtitle, wordmarks, front = parts["front"]
    intro, contacts, further = parts["back"]
    raise_all(check_references(maker, contacts))
    return Leaflet(
        id=parts["id"], source=root.file, language=parts["language"], layout=parts["layout"],
        organisation=parts["organisation"],
        subject=text(top["subject"]) if "subject" in top else subtitle.text,
        title=title, subtitle=subtitle, wordmarks=wordmarks, front=front, sections=parts["sections"],
        intro=intro, contacts=contacts, further_reading=further, updated=parts["updated"])


def _language(node: Node) -> str:
    language = text(node)
    if not LANGUAGE.match(language):
        raise node.error(f"'{language}' is not a language tag such as en-GB")
    return language


def _front(node: Node, maker: Maker):
    front = fields(node, ("title", "subtitle"), ("wordmarks", "text"))
    title = maker.make(front["title"], "front.title", "Title on the front cover; keep it short (under 40 characters).")
    subtitle = maker.make(front["subtitle"], "front.subtitle", "Subtitle on the front cover, under the title.")
    base = Path(node.file).parent
    marks = tuple(_wordmark(n, maker, base) for n in items(front["wordmarks"], "organisations")) \
        if "wordmarks" in front else ()
    body = parse_body(front["text"], "front", maker, "on the front cover", "front.text") if "text" in front else ()
    return title, subtitle, marks, body


def _sections(node: Node, maker: Maker) -> tuple[Section, ...]:
    out, errors, seen = [], [], {}
    for child in items(node, "sections (questions with their answers)"):
        try:
            sec = fields(child, ("id", "question", "answer"))
            sid = ident(sec["id"])
            if sid in seen:
                raise sec["id"].error(f"duplicate id '{sid}' (first on line {seen[sid]})")
            seen[sid] = sec["id"].line
            question = maker.make(sec["question"], f"faq.{sid}.question", "A question, set as a heading.")
            answer = parse_body(sec["answer"], f"faq.{sid}", maker, f"answering: {question.text}")
            out.append(Section(sid, question, answer))
        except LeafletError as exc:
            collect(errors, exc)
    raise_all(errors)
    return tuple(out)


def _back(node: Node, maker: Maker):
    back = fields(node, (), ("intro", "contacts", "further_reading"))
    errors: list[LeafletError] = []
    intro, contacts, further = (), [], []
    if "intro" in back:
        try:
            intro = parse_body(back["intro"], "back", maker, "on the back page", "back.intro",
                               "Back page: introduces the contact details below it.")
        except LeafletError as exc:
            collect(errors, exc)
    seen: dict = {}
    for child in items(back["contacts"], "contacts") if "contacts" in back else ():
        try:
            contacts.append(contacts_module.parse(child, maker, seen))
        except LeafletError as exc:
            collect(errors, exc)
    if "further_reading" in back:
        node = back["further_reading"]
        single = isinstance(node.value, dict)
        for child in [node] if single else items(node, "further reading entries"):
            try:
                further.append(_further(child, maker, single))
            except LeafletError as exc:
                collect(errors, exc)
    raise_all(errors)
    return intro, tuple(contacts), tuple(further)


def _further(node: Node, maker: Maker, single: bool) -> Further:
    m = fields(node, ("text", "url"), () if single else ("id",))
    block_id = "back.further-reading"
    if not single:
        if "id" not in m:
            raise node.error("missing required key 'id' (a name for this entry, e.g. id: working-together)")
        block_id += "." + ident(m["id"])
    return Further(maker.make(m["text"], block_id, "Back page: where to read more. The web address is printed "
                              "after it."), web(m["url"]))


def _wordmark(node: Node, maker: Maker, base: Path) -> Wordmark:
    m = fields(node, ("id", "name"), ("strapline", "logo", "alt", "height_mm"))
    mark_id = ident(m["id"])
    logo = alt = None
    if "logo" in m:
        logo = images.logo(m["logo"], base)
        if "alt" not in m:
            raise m["logo"].error("a logo needs 'alt': the text a screen reader says for it")
        alt = maker.make(m["alt"], f"wordmarks.{mark_id}.alt",
                         "Alternative text for a logo, read aloud by screen readers: say what the logo says.")
    elif "alt" in m:
        raise m["alt"].error("'alt' describes a logo, and this mark has none")
    height = None
    if "height_mm" in m:
        h = m["height_mm"]
        if "logo" not in m:
            raise h.error("'height_mm' sizes a logo, and this mark has none")
        if isinstance(h.value, bool) or not isinstance(h.value, (int, float)) or not 5 <= h.value <= 60:
            raise h.error(f"must be a height in millimetres from 5 to 60, got {describe(h)}")
        height = float(h.value)
    return Wordmark(mark_id, text(m["name"]), text(m["strapline"]) if "strapline" in m else None, logo, alt,
                    height)


def _date(node: Node) -> datetime.date:
    if isinstance(node.value, datetime.datetime) or not isinstance(node.value, datetime.date):
        raise node.error(f"must be a date like 2026-11-26, got {describe(node)}")
    return node.value


__all__ = ["Block", "Contact", "Further", "Leaflet", "Section", "Wordmark", "load", "from_node", "LeafletError"]
