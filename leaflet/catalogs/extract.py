"""Extraction: leaflet YAML -> a gettext template (.pot).

msgid = the English text with its inline markup, msgctxt = "<leaflet>:<block
id>" (stable: catalogs key on it), `#.` a note for the translator, `#:` the
YAML file and line. Contact data is never in a msgid (content.py refuses it).
`extract_leaflet` is also registered as a Babel extractor, so
`pybabel extract -F babel.cfg` works as translators' tooling expects.
"""
from __future__ import annotations

import io
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.pofile import write_po

from .. import content, markup, source
from ..content import Block, Leaflet

LABELS_DOMAIN = "leaflet"
LABELS_SOURCE = Path(__file__).resolve().parent.parent / "labels.py"


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
    catalog = Catalog(project=leaflet.id, version="1", copyright_holder=leaflet.organisation,
                      msgid_bugs_address="", charset="utf-8", fuzzy=False)
    for block in leaflet.blocks():
        msg = catalog.add(block.text, locations=[(leaflet.source, block.line)], auto_comments=[note(block)],
                          context=context(leaflet, block))
        msg.flags.discard("python-format")  # Babel guesses it from "100% of"; it would reject good translations
    return catalog


def labels_template() -> Catalog:
    catalog = Catalog(project=LABELS_DOMAIN, version="1", charset="utf-8", fuzzy=False)
    for lineno, message, comments, _ in extract_from_file("python", str(LABELS_SOURCE), keywords={"N_": None},
                                                             comment_tags=("Translators:",)):
        msg = catalog.add(message, locations=[("leaflet/labels.py", lineno)], auto_comments=comments)
        msg.flags.discard("python-format")
    return catalog


def pot_bytes(catalog: Catalog) -> bytes:
    buf = io.BytesIO()
    write_po(buf, catalog, width=0, include_lineno=True)
    return buf.getvalue()


def extract_leaflet(fileobj, keywords, comment_tags, options):
    """Babel extractor entry point for leaflet YAML files."""
    name = getattr(fileobj, "name", "leaflet.yaml")
    leaflet = content.from_node(source.loads(fileobj.read().decode("utf-8"), str(name)))
    for block in leaflet.blocks():
        yield block.line, "pgettext", (context(leaflet, block), block.text), [note(block)]
