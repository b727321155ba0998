"""Translation: a leaflet x its catalogs -> an edition in another language.

Only entries that passed every check reach the edition. An incomplete
catalog stops the build unless partial editions are allowed; then the missing
blocks stay in English (and are set as English), and the edition says so.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from .. import markup
from ..content import Leaflet
from ..edition import Edition
from ..errors import LeafletError
from ..labels import Labels, english_texts
from . import extract, languages
from .review import Review, po_path, review_file


def sources(leaflet: Leaflet) -> dict[str, dict]:
    """domain -> {key: English} for the leaflet's catalog and the labels' catalog."""
    return {leaflet.id: {extract.context(leaflet, b): b.text for b in leaflet.blocks()},
            extract.LABELS_DOMAIN: {text: text for text in english_texts().values()}}


def reviews(leaflet: Leaflet, language: str, translations: Path | None = None) -> tuple[Review, Review]:
    """The two catalogs a build reads, checked (without the reviewer's warnings, which a build never prints)."""
    content, labels = sources(leaflet).items()
    return (review_file(language, *content, translations, warn=False),
            review_file(language, *labels, translations, warn=False))


def edition(leaflet: Leaflet, language: str, allow_partial: bool = False,
            reviewed: tuple[Review, Review] | None = None, translations: Path | None = None) -> Edition:
    """The edition in `language`; `reviewed` saves reading the catalogs again;
    `translations`: the project's catalogs folder."""
    languages.get(language)  # a language we know, or a clear error
    path = po_path(language, leaflet.id, translations)
    if not path.exists():
        raise LeafletError(f"there is no {language} catalog for {leaflet.id} (start one with "
                           f"`python generate.py init --lang {language}`)", str(path))
    content_review, labels_review = reviewed or reviews(leaflet, language, translations)
    for r in (content_review, labels_review):
        if not r.complete and not allow_partial:
            first = r.rejected[0] if r.rejected else None
            why = f"; first rejected: {first}" if first else ""
            raise LeafletError(
                f"the {language} catalog is incomplete: {len(r.untranslated)} untranslated, {len(r.fuzzy)} fuzzy, "
                f"{len({p.context for p in r.rejected})} rejected{why} (translate them, or build with "
                "--allow-partial to print those blocks in English)", r.file)
    translated = _translate_blocks(leaflet, content_review.accepted, content_review.origins)
    english_blocks = tuple(b.id for b in leaflet.blocks()
                           if extract.context(leaflet, b) not in content_review.accepted)
    labels = Labels(**{name: labels_review.accepted.get(text, text) for name, text in english_texts().items()})
    return Edition(translated, language, labels, partial=english_blocks,
                   partial_labels=tuple(t for t in english_texts().values() if t not in labels_review.accepted))


def _translate_blocks(leaflet: Leaflet, accepted: dict, origins: dict) -> Leaflet:
    def tr(block):
        key = extract.context(leaflet, block)
        text = accepted.get(key)
        return block if text is None else block.with_text(text, _english_runs(markup.parse(text), block.spans,
                                                                              leaflet.language), origins.get(key))

    return leaflet.map_blocks(tr)


def _english_runs(spans: tuple, english: tuple, language: str) -> tuple:
    """A bold or italic run the translation kept exactly as the English has it
    (a publication's title) is English: tagged so, it is read in an English voice."""
    kept = {(s.text, s.bold, s.italic) for s in english if (s.bold or s.italic) and not s.is_data}
    return tuple(replace(s, lang=language) if (s.text, s.bold, s.italic) in kept and not s.is_data else s
                 for s in spans)
