"""Update: merge a template into a language's catalog, keyed by msgctxt, the
way `msgmerge --previous` does (Babel's `Catalog.update` fuzzy-matches across
contexts: two leaflets' messages swapped translations, and it never revives
obsolete entries).

- same context, same English: kept as it is (translator comments and flags too);
- same context, changed English: the translation kept, fuzzy, with `#| msgid`
  the English it was made for;
- a renamed block (a context gone, a new context in the same leaflet with the
  very same English): the translation kept, fuzzy, with `#| msgctxt`;
- a context no longer in the template: obsolete (`#~`);
- a block that comes back: its obsolete translation returns fuzzy unless it was
  reviewed for the very same English and still passes every check (an obsolete
  entry is as untrusted as the rest of the file); never over an active entry;
- a new context: untranslated.
Entries without a context (the labels domain) are keyed by their msgid.
"""
from __future__ import annotations

import datetime
import os
from dataclasses import replace

from babel.messages.catalog import Catalog

from . import languages
from .extract import date, template_entries
from .checks import check_entry
from .pofile import Entry, PoFile


def merge(template: Catalog, existing: PoFile | None, language: str) -> list[Entry]:
    """The merged catalog: its header entry first, then the entries in template order, then obsolete ones."""
    return merge_po(template_entries(template), template.project, template.version, date(template.creation_date),
                    existing, language)


def merge_po(template: list[Entry], project: str, version: str, created: str, existing: PoFile | None,
             language: str) -> list[Entry]:
    """`merge` for a template given as entries (read from a .pot, say)."""
    lang = languages.get(language)
    body = merge_entries(template, existing.entries if existing else ())
    changed = existing is None or _content(body) != _content(existing.entries)
    return [_header(project, version, created, existing, lang, changed), *body]


def merge_entries(template: list[Entry], old: tuple[Entry, ...] | list[Entry]) -> list[Entry]:
    active = {e.key: e for e in old if not e.obsolete}
    obsolete: dict[str, list[Entry]] = {}
    for e in old:
        if e.obsolete:
            obsolete.setdefault(e.key, []).append(e)
    wanted = {t.key for t in template}
    used: set[int] = set()  # ids of old entries that found a place in the new catalog
    out = []
    for t in template:
        prior = active.get(t.key)
        if prior is not None:
            used.add(id(prior))
            out.append(_carry(t, prior))
            continue
        renamed = _renamed(t, old, wanted, used)
        if renamed is not None:
            used.add(id(renamed))
            out.append(replace(_carry(t, renamed), previous_context=renamed.context))
            continue
        back = sorted(obsolete.get(t.key, []), key=lambda e: e.msgid != t.msgid)
        if back and back[0].msgstr:
            used.add(id(back[0]))
            out.append(_revive(t, back[0]))
            continue
        out.append(t)
    taken = {(e.context, e.msgid) for e in out}
    for e in old:
        if id(e) in used or not e.msgstr or (e.context, e.msgid) in taken:
            continue  # (an obsolete entry may not repeat an active one: gettext refuses the file)
        taken.add((e.context, e.msgid))
        if e.obsolete:
            out.append(e)
        else:  # gone from the English: kept for a possible return, as msgmerge keeps it
            out.append(replace(e, obsolete=True, auto_comments=(), locations=(), line=0))
    return out


def _carry(t: Entry, prior: Entry) -> Entry:
    """`t` with the translation, translator comments and own flags of `prior`."""
    flags = [f for f in prior.flags if f not in t.flags and f != "fuzzy"]
    out = replace(t, msgstr=prior.msgstr, plural_strs=prior.plural_strs, comments=prior.comments,
                  flags=t.flags + tuple(flags))
    if not prior.msgstr and not any(prior.plural_strs):
        return replace(out, flags=tuple(f for f in out.flags if f != "fuzzy"))
    if prior.msgid != t.msgid or prior.context != t.context:
        seen = prior.previous if prior.fuzzy and prior.previous is not None else prior.msgid
        seen_ctx = prior.previous_context if prior.fuzzy and prior.previous is not None else None
        return replace(out, flags=("fuzzy", *out.flags), previous=seen, previous_context=seen_ctx)
    if prior.fuzzy:
        return replace(out, flags=("fuzzy", *out.flags), previous=prior.previous,
                       previous_context=prior.previous_context, previous_plural=prior.previous_plural)
    return out


def _renamed(t: Entry, old, wanted: set, used: set) -> Entry | None:
    """An active old entry with the same English under a context that is gone (a renamed block id)."""
    if t.context is None:
        return None
    leaflet = t.context.split(":", 1)[0]
    for e in old:
        if (not e.obsolete and id(e) not in used and e.msgid == t.msgid and e.msgstr and e.context is not None
                and e.context not in wanted and e.context.split(":", 1)[0] == leaflet):
            return e
    return None


def _revive(t: Entry, back: Entry) -> Entry:
    revived = _carry(t, replace(back, obsolete=False))
    if revived.fuzzy or check_entry(revived, t.msgid, ""):
        if not revived.fuzzy:
            revived = replace(revived, flags=("fuzzy", *revived.flags), previous=back.msgid)
    return revived


def _content(entries) -> list:
    return [replace(e, line=0) for e in entries]


def _header(project: str, version: str, stamp: str, existing: PoFile | None, lang, changed: bool) -> Entry:
    if existing is None or existing.header_entry is None:
        fields = [("Project-Id-Version", f"{project} {version}"),
                  ("Report-Msgid-Bugs-To", ""), ("POT-Creation-Date", stamp), ("PO-Revision-Date", date(_now())),
                  ("Last-Translator", ""), ("Language-Team", lang.english_name), ("Language", lang.posix),
                  ("MIME-Version", "1.0"), ("Content-Type", "text/plain; charset=UTF-8"),
                  ("Content-Transfer-Encoding", "8bit"), ("Plural-Forms", lang.plural_forms)]
        comments = (f"{lang.english_name} translation of {project}.",)
        return Entry("", "".join(f"{k}: {v}\n" for k, v in fields), comments=comments)
    entry = existing.header_entry
    lines = entry.msgstr.split("\n")
    keys = [line.split(":", 1)[0].strip() for line in lines]
    wanted = {"Plural-Forms": lang.plural_forms, "Content-Type": "text/plain; charset=UTF-8"}
    if changed:
        wanted["POT-Creation-Date"] = stamp
    if "Language" not in keys or not existing.header.get("Language"):
        wanted["Language"] = lang.posix
    for key, value in wanted.items():
        if existing.header.get(key) == value:
            continue
        line = f"{key}: {value}"
        if key == "Content-Type" and "utf-8" in existing.header.get(key, "").lower():
            continue  # UTF-8 spelt another way
        if key in keys:
            lines[keys.index(key)] = line
        else:
            at = len(lines) - 1 if lines and lines[-1] == "" else len(lines)
            lines.insert(at, line)
            keys.insert(at, key)
    return replace(entry, msgstr="\n".join(lines))


def _now() -> datetime.datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc)
    return datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
