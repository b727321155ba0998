"""One catalog checked against the current English: what may be printed, and
what is fuzzy, untranslated or rejected (and why).

Fuzzy is not translated, and neither is an entry whose English has changed
since it was translated (its msgid is no longer the English): both need a
translator's eye before they reach a page.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import LeafletError
from . import languages
from .checks import Problem, check_entry, warnings_for
from .pofile import PoFile, read

# The catalogs' folder when a caller names none: translations/ in the folder the
# process started in. The command line always passes its project's folder.
TRANSLATIONS = Path.cwd() / "translations"


@dataclass(frozen=True)
class Review:
    language: str
    file: str
    accepted: dict  # key -> translation that passed every check
    fuzzy: tuple[str, ...]
    untranslated: tuple[str, ...]
    rejected: tuple[Problem, ...]
    notes: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()  # for a reviewer: accepted, but worth a look
    origins: dict = field(default_factory=dict)  # key -> (file, line) of each accepted entry

    @property
    def complete(self) -> bool:
        return not (self.fuzzy or self.untranslated or self.rejected)


def folder(translations: Path | None = None) -> Path:
    return TRANSLATIONS if translations is None else Path(translations)


def po_path(language: str, domain: str, translations: Path | None = None) -> Path:
    """The catalog's path; the folder comes from the languages module (a known language, or an error)."""
    return folder(translations) / languages.catalog_folder(language) / "LC_MESSAGES" / f"{domain}.po"


def available(domain: str, translations: Path | None = None) -> list[str]:
    """Languages (BCP 47 codes) that have a catalog for `domain`, in a stable order."""
    found = (languages.from_folder(p.parent.parent.name) for p in folder(translations).glob(f"*/LC_MESSAGES/{domain}.po"))
    return sorted(code for code in found if code)


def display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def review_file(language: str, domain: str, english: dict, translations: Path | None = None,
                warn: bool = True) -> Review:
    """`english` maps each key (msgctxt, or msgid when there is none) to the English text.
    `warn` False skips the reviewer's warnings (a build prints none)."""
    path = po_path(language, domain, translations)
    if not path.exists():
        return Review(language, display(path), {}, (), tuple(english), ())
    return review(read(path, display(path)), language, english, warn)


def review(po: PoFile, language: str, english: dict, warn: bool = True) -> Review:
    lang = languages.get(language)
    header_language = po.header.get("Language", "")
    if not lang.accepts_header(header_language):
        raise LeafletError(f"Language header is '{header_language}' but this is the catalog for "
                           f"'{lang.posix}' (translations/{lang.folder}/)", po.path, 1)
    notes = []
    if po.header.get("Plural-Forms", lang.plural_forms) != lang.plural_forms:
        notes.append(f"{po.path}: Plural-Forms in the file is ignored; ours is '{lang.plural_forms}'")
    entries = {(e.context if e.context is not None else e.msgid): e for e in po.active()}
    accepted, origins, fuzzy, untranslated, rejected, warnings = {}, {}, [], [], [], []
    for key, source in english.items():
        entry = entries.get(key)
        if entry is None or not entry.msgstr:
            untranslated.append(key)
        elif entry.fuzzy or entry.msgid != source:
            fuzzy.append(key)
        else:
            problems = check_entry(entry, source, po.path)
            if problems:
                rejected.extend(Problem(po.path, entry.line, key, p) for p in problems)
            else:
                accepted[key] = entry.msgstr
                origins[key] = (po.path, entry.line)
                if warn:
                    warnings += [str(Problem(po.path, entry.line, key, w)) for w in warnings_for(entry, source)]
    return Review(language, po.path, accepted, tuple(fuzzy), tuple(untranslated),
                  tuple(rejected), tuple(notes), tuple(warnings), origins)
