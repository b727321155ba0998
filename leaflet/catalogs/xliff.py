"""XLIFF 1.2, for translation agencies (Trados, memoQ, Phrase take XLIFF, not .po).

Export: one <file> per catalog (the leaflet's, the labels'), one <trans-unit>
per entry, its id the block id (msgctxt; a label's msgid), the translator note
as <note>, target-language set, states from the catalog: translated ->
"translated", fuzzy -> "needs-review-translation" (with the English it was
made for in a note), untranslated -> no <target>.

Import: the targets come back into the catalogs through the same gate as a .po
from a translator: a target that fails a check is not imported (and so never
printed); a target for English that has changed since export, or one the tool
marks as needing review, comes in fuzzy. CAT tools' own namespaces,
attributes and segment markup (<mrk mtype="seg">) are accepted and ignored.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
import xml.parsers.expat as expat
from dataclasses import dataclass, replace
from xml.sax.saxutils import escape, quoteattr

from ..errors import LeafletError
from .checks import Problem, check_entry, visible
from .pofile import Entry, PoFile

NS = "urn:oasis:names:tc:xliff:document:1.2"
MAX_BYTES = 5_000_000
DONE = {"translated", "final", "signed-off"}  # states that mean "a translator has finished this"


def export(catalogs: list[tuple[str, PoFile, dict]], language: str, source_language: str = "en-GB") -> bytes:
    """`catalogs`: (domain, catalog, {key: current English}) in order."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f'<xliff version="1.2" xmlns="{NS}">']
    for domain, po, english in catalogs:
        entries = {e.key: e for e in po.active()}
        out.append(f'  <file original={quoteattr(domain)} source-language={quoteattr(source_language)} '
                   f'target-language={quoteattr(language)} datatype="plaintext">')
        out.append("    <body>")
        for key, source in english.items():
            entry = entries.get(key)
            out.append(f'      <trans-unit id={quoteattr(key)} xml:space="preserve">')
            out.append(f"        <source>{_text(source)}</source>")
            if entry is not None and entry.msgstr and check_entry(entry, source, po.path):
                # never sent on (it may hold a hostile number): the agency translates it afresh
                out.append('        <note from="leaflet">The catalog\'s translation was rejected by the checks '
                           '(python generate.py check); please translate afresh.</note>')
            elif entry is not None and entry.msgstr:
                stale = entry.fuzzy or entry.msgid != source
                state = "needs-review-translation" if stale else "translated"
                out.append(f'        <target state="{state}">{_text(entry.msgstr)}</target>')
                was = entry.previous if entry.fuzzy and entry.previous else entry.msgid
                if stale and was != source:
                    out.append(f'        <note from="leaflet">The English changed. This translation was made for: '
                               f'{_text(was)}</note>')
            notes = " ".join(entry.auto_comments) if entry is not None else ""
            if notes:
                out.append(f'        <note from="developer">{_text(notes)}</note>')
            out.append("      </trans-unit>")
        out.append("    </body>")
        out.append("  </file>")
    out.append("</xliff>")
    return ("\n".join(out) + "\n").encode("utf-8")


@dataclass(frozen=True)
class Unit:
    domain: str
    key: str
    source: str
    target: str | None
    state: str | None
    line: int


@dataclass(frozen=True)
class Returned:
    language: str
    units: tuple[Unit, ...]


def read(data: bytes, name: str) -> Returned:
    if len(data) > MAX_BYTES:
        raise LeafletError(f"XLIFF file is {len(data)} bytes, over the {MAX_BYTES} byte limit", name)
    root, lines = _parse(data, name)
    if root.tag != f"{{{NS}}}xliff" or root.get("version") != "1.2":
        raise LeafletError(f"not an XLIFF 1.2 file (root element {root.tag!r}, version {root.get('version')!r})",
                           name, lines.get(id(root), 1))
    languages, units = set(), []
    for file in root.findall(f"{{{NS}}}file"):
        if not file.get("target-language"):
            raise LeafletError("a <file> has no target-language", name, lines.get(id(file)))
        languages.add(file.get("target-language"))
        for unit in file.iter(f"{{{NS}}}trans-unit"):
            line = lines.get(id(unit), 0)
            source, target = unit.find(f"{{{NS}}}source"), unit.find(f"{{{NS}}}target")
            if unit.get("id") is None or source is None:
                raise LeafletError("a <trans-unit> without an id or a <source>", name, line)
            text = None if target is None else "".join(target.itertext())
            state = None if target is None else target.get("state")
            if unit.get("approved") == "yes" and text:
                state = "signed-off"
            units.append(Unit(file.get("original", ""), unit.get("id"), "".join(source.itertext()), text, state,
                              line))
    if len(languages) != 1:
        raise LeafletError(f"expected one target-language, found {sorted(languages) or 'none'}", name)
    return Returned(languages.pop(), tuple(units))


def merge(po: PoFile, units: list[Unit], english: dict, name: str) -> tuple[list[Entry], list[str]]:
    """The catalog's entries with the returned targets in, and what was refused (one line each)."""
    entries = list(po.entries)
    where = {e.key: i for i, e in enumerate(entries) if not e.obsolete}
    refused = []
    for unit in units:
        if unit.key not in where or unit.key not in english:
            refused.append(visible(f"{name}:{unit.line}: [{unit.key}] is not a block of this leaflet (not imported)"))
            continue
        if not unit.target:
            continue
        entry = entries[where[unit.key]]
        current = english[unit.key]
        candidate = replace(entry, msgstr=unit.target)
        problems = check_entry(candidate, current, name)
        if problems:
            refused += [f"{Problem(name, unit.line, unit.key, p)} (not imported)" for p in problems]
            continue
        finished = (unit.state is None or unit.state in DONE) and unit.source == current
        flags = tuple(f for f in entry.flags if f != "fuzzy")
        entries[where[unit.key]] = replace(
            candidate, flags=flags if finished else ("fuzzy", *flags),
            previous=None if finished else (unit.source if unit.source != current else entry.previous),
            previous_context=None if finished else entry.previous_context)
    return entries, refused


def _text(text: str) -> str:
    return escape(text)


def _parse(data: bytes, name: str):
    """The element tree, and the line each element starts on (for file:line messages)."""
    builder, lines = ET.TreeBuilder(), {}
    parser = expat.ParserCreate(namespace_separator="}")

    def qualified(tag: str) -> str:
        return "{" + tag if "}" in tag else tag

    def start(tag, attrs):
        element = builder.start(qualified(tag), {qualified(k): v for k, v in attrs.items()})
        lines[id(element)] = parser.CurrentLineNumber

    def refuse(*_):
        raise LeafletError("XLIFF with a DOCTYPE or entity declarations is refused (entity expansion)", name,
                           parser.CurrentLineNumber)

    parser.StartElementHandler = start
    parser.EndElementHandler = lambda tag: builder.end(qualified(tag))
    parser.CharacterDataHandler = builder.data
    parser.StartDoctypeDeclHandler = parser.EntityDeclHandler = refuse
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise LeafletError(f"not well-formed XML: {expat.ErrorString(exc.code)}", name, exc.lineno) from None
    return builder.close(), lines
