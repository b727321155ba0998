"""The translators' workflow over every leaflet: extract, init, update, check, status,
and the XLIFF route (export_xliff, import_xliff).

Files: translations/<leaflet>.pot and translations/leaflet.pot (the tool's own
words); translations/<lang>/LC_MESSAGES/<leaflet>.po and .../leaflet.po.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..content import Leaflet
from ..errors import LeafletError
from . import extract, languages, merge, pofile, powrite, xliff
from .checks import visible
from .review import TRANSLATIONS, Review, available, po_path, review_file
from .translate import sources


@dataclass(frozen=True)
class Status:
    leaflet: str
    language: str
    domain: str
    total: int
    translated: int
    fuzzy: int
    untranslated: int
    rejected: int
    error: str = ""  # the catalog could not be read: why (file:line: ...)


def templates(leaflets: list[Leaflet]) -> dict[str, object]:
    """domain -> template catalog, for every leaflet and the labels."""
    out = {leaflet.id: extract.template(leaflet) for leaflet in leaflets}
    out[extract.LABELS_DOMAIN] = extract.labels_template()
    return out


def extract_all(leaflets: list[Leaflet], translations: Path | None = None) -> list[tuple[Path, bytes]]:
    root = TRANSLATIONS if translations is None else Path(translations)
    out = []
    for domain, catalog in templates(leaflets).items():
        path = root / f"{domain}.pot"
        data = extract.pot_bytes(catalog)
        if path.exists():  # the same messages: keep the template's date, so the file does not change
            try:
                old = pofile.read(path, _rel(path))
            except LeafletError:
                old = None
            created = old.header.get("POT-Creation-Date") if old else None
            if created and extract.pot_bytes(catalog, created) == path.read_bytes():
                data = path.read_bytes()
        out.append((path, data))
    return out


def update(leaflets: list[Leaflet], language: str | None, init: bool = False,
           translations: Path | None = None) -> list[tuple[Path, bytes]]:
    """Merged catalogs for `language` (every language with catalogs when None).
    `init` starts a language that has none yet; it refuses to overwrite one."""
    root = TRANSLATIONS if translations is None else Path(translations)
    if init:
        if language is None:
            raise LeafletError("init needs --lang")
        folder = languages.catalog_folder(language)  # a known language, or a clear error
        if (root / folder).exists():
            raise LeafletError(f"translations/{folder}/ already exists; use update")
    elif language is not None and not (root / languages.catalog_folder(language)).is_dir():
        raise LeafletError(f"there are no {language} catalogs yet (translations/{languages.catalog_folder(language)}/); "
                           f"start them with `python generate.py init --lang {language}`")
    targets = [language] if language else _languages(root)
    out = []
    for domain, template in templates(leaflets).items():
        for code in targets:
            path = po_path(code, domain, root)
            existing = pofile.read(path, _rel(path)) if path.exists() else None
            out.append((path, powrite.write(merge.merge(template, existing, code))))
    return out


def check(leaflets: list[Leaflet], language: str | None,
          translations: Path | None = None) -> tuple[list[str], list[Status]]:
    """Problems found (one line each) and the status of every catalog checked."""
    root = TRANSLATIONS if translations is None else Path(translations)
    problems, rows = [], []
    if language is not None and not (root / languages.catalog_folder(language)).is_dir():
        raise LeafletError(f"there are no {language} catalogs to check (translations/"
                           f"{languages.catalog_folder(language)}/ does not exist)")
    for leaflet in leaflets:
        for code in ([language] if language else available(leaflet.id, root)):
            for domain, english in sources(leaflet).items():
                try:  # one unreadable catalog is reported, and the others still checked
                    r = review_file(code, domain, english, root)
                except LeafletError as exc:
                    problems.append(visible(str(exc)))
                    rows.append(Status(leaflet.id, code, domain, len(english), 0, 0, 0, 0, visible(str(exc))))
                    continue
                problems += [f"{p} (not printed)" for p in r.rejected] + list(r.notes)
                problems += [f"warning: {w}" for w in r.warnings]
                rows.append(_status(leaflet.id, code, domain, r))
    return problems, rows


def _status(leaflet: str, code: str, domain: str, r: Review) -> Status:
    rejected = len({p.context for p in r.rejected})
    total = len(r.accepted) + len(r.fuzzy) + len(r.untranslated) + rejected
    return Status(leaflet, code, domain, total, len(r.accepted), len(r.fuzzy), len(r.untranslated), rejected)


def _languages(root: Path) -> list[str]:
    if not root.is_dir():
        return []
    found = (languages.from_folder(p.name) for p in root.iterdir() if (p / "LC_MESSAGES").is_dir())
    return sorted(code for code in found if code)


def _rel(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def export_xliff(leaflets: list[Leaflet], language: str, translations: Path | None = None) -> bytes:
    """Every catalog of `language` as one XLIFF 1.2 file (a <file> per catalog)."""
    root = TRANSLATIONS if translations is None else Path(translations)
    lang = languages.get(language)
    catalogs = []
    for leaflet in leaflets:
        for domain, english in sources(leaflet).items():
            if domain == extract.LABELS_DOMAIN and any(d == domain for d, _, _ in catalogs):
                continue
            path = po_path(lang.code, domain, root)
            if not path.exists():
                raise LeafletError(f"there is no {lang.code} catalog to export; start one with "
                                   f"`python generate.py init --lang {lang.code}`", _rel(path))
            catalogs.append((domain, pofile.read(path, _rel(path)), english))
    return xliff.export(catalogs, lang.code, leaflets[0].language if leaflets else "en-GB")


def import_xliff(leaflets: list[Leaflet], data: bytes, name: str,
                 translations: Path | None = None) -> tuple[list[tuple[Path, bytes]], list[str]]:
    """The catalogs with an agency's returned targets merged in, and what was refused."""
    root = TRANSLATIONS if translations is None else Path(translations)
    returned = xliff.read(data, name)
    code = next((c for c in _languages(root) if languages.get(c).accepts_header(returned.language)), None)
    if code is None:
        raise LeafletError(f"target-language is '{returned.language}', and there are no catalogs for it; start them "
                           "with `python generate.py init --lang ...`", name)
    english = {}
    for leaflet in leaflets:
        english.update(sources(leaflet))
    out, refused = [], []
    domains = {u.domain for u in returned.units}
    unknown = domains - set(english)
    if unknown:
        raise LeafletError(f"<file original=...> names no catalog of this project: {', '.join(sorted(unknown))}", name)
    for domain in sorted(domains):
        path = po_path(code, domain, root)
        po = pofile.read(path, _rel(path))
        entries, lost = xliff.merge(po, [u for u in returned.units if u.domain == domain], english[domain], name)
        refused += lost
        out.append((path, powrite.write([po.header_entry, *entries] if po.header_entry else entries)))
    return out, refused
