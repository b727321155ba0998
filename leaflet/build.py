"""Building editions into files: typeset, impose, then write everything at once.

Nothing is written until every edition of the run has been made in memory,
and each file is written to a temporary name and renamed, so a failed build
leaves no partial file behind.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from . import content, layout as layouts, markup
from .catalogs import review, translate
from .edition import Edition, english
from . import impose as impose_module
from .impose import impose
from .typeset import bilingual, typeset

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"


@dataclass(frozen=True)
class Output:
    path: Path  # relative to the output directory
    data: bytes
    leaflet: str
    languages: tuple[str, ...]
    format: str  # screen | print
    pages: int  # A5 pages
    sheets: int  # printed sheet sides (print files), or pages
    body_size: float
    warnings: tuple[str, ...] = ()
    english_blocks: tuple[str, ...] = ()  # left in English in a partial edition
    bilingual: str | None = None  # parallel | blocks | flip

    def manifest(self) -> dict:
        return {"file": self.path.as_posix(), "leaflet": self.leaflet, "languages": list(self.languages),
                "format": self.format, "pages": self.pages, "pdf_pages": self.sheets,
                "body_size": self.body_size, "bytes": len(self.data),
                "sha256": hashlib.sha256(self.data).hexdigest(), "untranslated": list(self.english_blocks),
                **({"bilingual": self.bilingual} if self.bilingual else {})}


def editions_of(leaflet: content.Leaflet, languages: list[str] | None = None,
                allow_partial: bool = False) -> tuple[list[Edition], list[str]]:
    """The editions to build, and warnings about those left out.

    `languages` None: English and every language whose catalogs are complete
    (an incomplete one is skipped with a warning); ["all"]: English and every
    catalog, incomplete ones failing unless `allow_partial`; else those named.
    """
    available = review.available(leaflet.id)
    reviewed = {code: translate.reviews(leaflet, code) for code in available}
    complete = [code for code in available if all(r.complete for r in reviewed[code])]
    warnings = []
    if languages is None:
        targets = ["en"] + complete
        warnings = [f"{leaflet.id}: {code} not built: its catalog is incomplete (see `generate.py status`)"
                    for code in available if code not in complete]
    elif languages == ["all"]:
        targets = ["en"] + available
    else:
        targets = languages
    built = ["en"] + [c for c in available if c in complete or (allow_partial and c in targets)]
    title = f"{markup.plain(leaflet.title.spans)}: {markup.plain(leaflet.subtitle.spans)}"
    out = []
    for code in targets:
        also = tuple(c for c in built if c != code)
        if code.startswith("en"):
            ed = english(leaflet, also=also)
        else:
            ed = translate.edition(leaflet, code, allow_partial, reviewed.get(code))
            ed = replace(ed, also=also, english_title=title)
        out.append(ed)
    return out, warnings


def make(edition: Edition) -> list[Output]:
    """Both files of one edition, in memory."""
    leaflet = edition.leaflet
    layout = layouts.load(leaflet.layout)
    result = typeset(edition, layout)
    partial = ".partial" if edition.partial or edition.partial_labels else ""
    stem = f"{leaflet.id}.{edition.code}{partial}"
    meta = {"/Title": markup.plain(leaflet.title.spans), "/Author": leaflet.organisation,
            "/Subject": f"{markup.plain(leaflet.subtitle.spans)} (for printing)", "/Creator": "leaflet"}
    # Paper shows a link's address after its text: set again for print when the text has such links.
    paper = typeset(replace(edition, medium="print"), layout) \
        if any(markup.has_text_links(b.spans) for b in leaflet.blocks()) else result
    printed = impose(paper.pdf, layout.colours["fold_mark"], layout.fold_mark_length, layout.fold_mark_width, meta)
    common = dict(leaflet=leaflet.id, languages=(edition.language,), pages=result.pages,
                  body_size=result.body_size, warnings=result.warnings,
                  english_blocks=edition.partial + edition.partial_labels)
    return [Output(Path(leaflet.id) / f"{stem}.screen.pdf", result.pdf, format="screen", sheets=result.pages,
                   **common),
            Output(Path(leaflet.id) / f"{stem}.print.pdf", printed, format="print", sheets=paper.pages // 2,
                   **{**common, "pages": paper.pages, "body_size": paper.body_size})]


def make_bilingual(first: Edition, second: Edition, mode: str) -> list[Output]:
    """Both files of a bilingual edition (community language first, English second)."""
    leaflet = first.leaflet
    layout = layouts.load(leaflet.layout)
    pdf, pages, size = bilingual.typeset(first, second, layout, mode)
    partial = ".partial" if first.partial or first.partial_labels else ""
    stem = f"{leaflet.id}.{first.code}+{second.code}{partial}"
    meta = {"/Title": f"{markup.plain(leaflet.title.spans)} / {markup.plain(second.leaflet.title.spans)}",
            "/Author": leaflet.organisation, "/Creator": "leaflet"}
    order = impose_module.flip_order(pages) if mode == "flip" else None
    printed = impose(pdf, layout.colours["fold_mark"], layout.fold_mark_length, layout.fold_mark_width, meta, order)
    common = dict(leaflet=leaflet.id, languages=(first.language, second.language), pages=pages, body_size=size,
                  english_blocks=first.partial + first.partial_labels, bilingual=mode)
    return [Output(Path(leaflet.id) / f"{stem}.screen.pdf", pdf, format="screen", sheets=pages, **common),
            Output(Path(leaflet.id) / f"{stem}.print.pdf", printed, format="print", sheets=pages // 2, **common)]


def build(paths: list[Path], out_dir: Path, languages: list[str] | None = None,
          allow_partial: bool = False, bilingual_mode: str | None = None) -> tuple[list[Output], list[str]]:
    """Build editions; with `bilingual_mode`, also each translation beside English."""
    outputs: list[Output] = []
    warnings: list[str] = []
    for path in paths:
        leaflet = content.load(display(path))
        editions, skipped = editions_of(leaflet, languages, allow_partial)
        warnings += skipped
        english_edition = next((e for e in editions if e.is_english), english(leaflet))
        for edition in editions:
            outputs.extend(make(edition))
            if bilingual_mode and not edition.is_english:
                mode = layouts.load(leaflet.layout).bilingual if bilingual_mode == "default" else bilingual_mode
                outputs.extend(make_bilingual(edition, english_edition, mode))
    manifest = json.dumps({"files": [o.manifest() for o in outputs]}, indent=2, ensure_ascii=False) + "\n"
    write_all(out_dir, [(o.path, o.data) for o in outputs] + [(Path("manifest.json"), manifest.encode())])
    return outputs, warnings


def all_content() -> list[Path]:
    return sorted(CONTENT.glob("*.yaml"))


def write_all(out_dir: Path, files: list[tuple[Path, bytes]]) -> None:
    """Write every file under `out_dir` through a temporary name, then rename."""
    staged: list[tuple[str, Path]] = []
    try:
        for rel, data in files:
            target = out_dir / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.chmod(tmp, 0o644)
            staged.append((tmp, target))
        for tmp, target in staged:
            os.replace(tmp, target)
    except BaseException:
        for tmp, _ in staged:
            if os.path.exists(tmp):
                os.unlink(tmp)
        raise


def display(path: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
