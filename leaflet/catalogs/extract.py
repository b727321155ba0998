"""Extraction: leaflet YAML -> a gettext template (.pot).

msgid = the English text with its inline markup, msgctxt = "<leaflet>:<block
id>" (stable: catalogs key on it), `#.` a note for the translator, `#:` the
YAML file and line. Contact data is never in a msgid (content.py refuses it).
`extract_leaflet` is also registered as a Babel extractor, so
`pybabel extract -F babel.cfg` works as translators' tooling expects.
"""
from __future__ import annotations

import datetime
from pathlib import Path
from textwrap import TextWrapper
from typing import TYPE_CHECKING

from .. import content, markup, source
from ..content import Block, Leaflet
from . import powrite
from .pofile import Entry

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

LABELS_DOMAIN = "leaflet"
LABELS_SOURCE = Path(__file__).resolve().parent.parent / "labels.py"
_NOTES = TextWrapper(width=76, break_long_words=False)  # how Babel (and so the shipped catalogs) wrap `#.`


def context(leaflet: Leaflet, block: Block) -> str:
    return f"{leaflet.id}:{block.id}"


def note(block: Block) -> str:
    text = markup.plain(block.spans)
    parts = [block.note, f"The English is {len(text)} characters; keep the translation of similar length."]
    if any(s.bold for s in block.spans):
        parts.append("Keep **...** (bold) around the words that translate the English bold words.")
    if any(s.italic for s in block.spans):
        parts.append("Keep *...* (emphasis) around the matching words.")
    if any(s.href for s in block.spans):
        parts.append("Keep [link text](address) with the address unchanged; translate only the link text.")
    return " ".join(parts)


def template(leaflet: Leaflet) -> Catalog:
    from babel.messages.catalog import Catalog  # not for a build, which never writes a template

    catalog = Catalog(project=leaflet.id, version="1", copyright_holder=leaflet.organisation,
                      msgid_bugs_address="", charset="utf-8", fuzzy=False)
    for block in leaflet.blocks():
        msg = catalog.add(block.text, locations=[(leaflet.source, block.line)], auto_comments=[note(block)],
                          context=context(leaflet, block))
        msg.flags.discard("python-format")  # Babel guesses it from "100% of"; it would reject good translations
    return catalog


def labels_template() -> Catalog:
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_file

    catalog = Catalog(project=LABELS_DOMAIN, version="1", charset="utf-8", fuzzy=False)
    for lineno, message, comments, _ in extract_from_file("python", str(LABELS_SOURCE), keywords={"N_": None},
                                                             comment_tags=("Translators:",)):
        msg = catalog.add(message, locations=[("leaflet/labels.py", lineno)], auto_comments=comments)
        msg.flags.discard("python-format")
    return catalog


def template_entries(template: Catalog) -> list[Entry]:
    """A template's messages as entries, each note wrapped into `#.` lines."""
    out = []
    for msg in template:
        if not msg.id:
            continue
        notes = tuple(line.strip() for c in msg.auto_comments for line in _NOTES.wrap(c))
        out.append(Entry(msgid=msg.id, msgstr="", context=msg.context, flags=tuple(sorted(msg.flags)),
                         auto_comments=notes, locations=tuple(f"{f}:{n}" if n else f for f, n in msg.locations)))
    return out


def date(when: datetime.datetime) -> str:
    """A header date as gettext writes it: 2026-11-26 10:42+0000."""
    if when.tzinfo is None:
        when = when.replace(tzinfo=datetime.timezone.utc)
    return when.strftime("%Y-%m-%d %H:%M%z")


def pot_bytes(catalog: Catalog, created: str | None = None) -> bytes:
    """The template as msgcat writes it; `created` overrides POT-Creation-Date."""
    fields = [(k, created if k == "POT-Creation-Date" and created else v.strip()) for k, v in catalog.mime_headers
              if k not in ("Language", "Generated-By")]
    header = Entry("", "".join(f"{k}: {v}\n" for k, v in fields),
                   comments=tuple(line[1:].lstrip() for line in catalog.header_comment.splitlines()))
    return powrite.write([header, *template_entries(catalog)])


def extract_leaflet(fileobj, keywords, comment_tags, options):
    """Babel extractor entry point for leaflet YAML files."""
    name = getattr(fileobj, "name", "leaflet.yaml")
    leaflet = content.from_node(source.loads(fileobj.read().decode("utf-8"), str(name)))
    for block in leaflet.blocks():
        yield block.line, "pgettext", (context(leaflet, block), block.text), [note(block)]
