"""Update: merge a template into a language's catalog, keyed by msgctxt.

Not Babel's `Catalog.update`, which fuzzy-matches across contexts (two
leaflets' messages swapped translations) and never revives obsolete entries.

- same context, same English: the entry is kept as it is;
- same context, changed English: the translation is kept, marked fuzzy, with
  `#| msgid` the English it was made for (translators see what changed);
- a context no longer in the template: obsolete (`#~`), and revived if the
  block comes back;
- a new context: untranslated.
Entries without a context (the labels domain) are keyed by their msgid.
"""
from __future__ import annotations

import datetime
import os

from babel.messages.catalog import Catalog, Message

from . import languages
from .pofile import Entry, PoFile

REVIEW_NOTE = "EXAMPLE TRANSLATION awaiting review by a qualified translator: do not print for families before review."


def key(entry) -> str:
    context = entry.context
    return context if context is not None else entry.id if isinstance(entry, Message) else entry.msgid


def merge(template: Catalog, existing: PoFile | None, language: str) -> Catalog:
    lang = languages.get(language)
    header = dict(existing.header) if existing else {}
    catalog = Catalog(locale=lang.posix, domain=template.domain, project=template.project, version=template.version,
                      charset="utf-8", fuzzy=False, creation_date=template.creation_date,
                      revision_date=header.get("PO-Revision-Date") or _now(),  # a translator's date, not ours
                      header_comment=_header_comment(existing, lang))
    catalog.language_team = header.get("Language-Team", lang.english_name)
    catalog.last_translator = header.get("Last-Translator", "")
    old = {key(e): e for e in existing.entries} if existing else {}
    for msg in template:
        if not msg.id:
            continue
        prior: Entry | None = old.pop(key(msg), None)
        flags = set(msg.flags) - {"fuzzy"}
        string, previous = "", ()
        if prior and prior.msgstr:
            string = prior.msgstr
            if prior.msgid != msg.id:
                flags.add("fuzzy")
                previous = prior.previous if prior.fuzzy and prior.previous else prior.msgid
            elif prior.fuzzy and not prior.obsolete:
                flags.add("fuzzy")
                previous = prior.previous or ()
        catalog.add(msg.id, string, locations=msg.locations, flags=flags, auto_comments=msg.auto_comments,
                    previous_id=previous, context=msg.context)
    for entry in old.values():  # gone from the English: kept for a possible return
        if entry.msgstr:
            catalog.obsolete[(entry.msgid, entry.context)] = Message(
                entry.msgid, entry.msgstr, context=entry.context, flags=entry.flags)
    _plural_forms(catalog, lang.plural_forms)
    return catalog


def _plural_forms(catalog: Catalog, plural_forms: str) -> None:
    # Babel derives Plural-Forms from its locale data; ours comes from our table.
    catalog._num_plurals = int(plural_forms.split("nplurals=")[1].split(";")[0])
    catalog._plural_expr = plural_forms.split("plural=", 1)[1].rstrip(";")


def _header_comment(existing: PoFile | None, lang) -> str:
    kept = [line for line in (existing.header_comments if existing else ()) if line]
    return "\n".join(f"# {line}" for line in kept) if kept else (
        f"# {lang.english_name} translation.\n# {REVIEW_NOTE}")


def _now() -> datetime.datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc)
    return datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
