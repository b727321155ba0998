"""What a build will make: the content read, the catalogs reviewed, the
editions and their layouts, as picklable tasks, before any typesetting.

Light on purpose (no typesetter, no PDF library): `cli` runs it in a second
process while the first imports those (see `overlap`).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from . import content, layout as layouts, markup
from . import project as projects
from .edition import Edition, english
from .project import Project


def editions_of(leaflet: content.Leaflet, languages: list[str] | None = None,
                allow_partial: bool = False, translations: Path | None = None) -> tuple[list[Edition], list[str]]:
    """The editions to build, and warnings about those left out.

    `languages` None: English and every language whose catalogs are complete
    (an incomplete one is skipped with a warning); ["all"]: English and every
    catalog, incomplete ones failing unless `allow_partial`; else those named.
    """
    # Here, not at the top: the process that typesets loads this module to read
    # the tasks back, and needs none of the catalog checks.
    from .catalogs import review, translate

    available = review.available(leaflet.id, translations)
    reviewed = {code: translate.reviews(leaflet, code, translations) for code in available}
    complete = [code for code in available if all(r.complete for r in reviewed[code])]
    warnings = []
    if languages is None:
        targets = ["en"] + complete
        warnings = [f"{leaflet.id}: {code} not built: its catalog is incomplete (see `generate.py status`)"
                    for code in available if code not in complete]
    elif languages == ["all"]:
        targets = ["en"] + available
    else:
        targets = list(dict.fromkeys(languages))  # `--lang pl --lang pl` builds pl once
    built = ["en"] + [c for c in available if c in complete or (allow_partial and c in targets)]
    title = f"{markup.plain(leaflet.title.spans)}: {markup.plain(leaflet.subtitle.spans)}"
    out = []
    for code in targets:
        also = tuple(c for c in built if c != code)
        if code == "en" or code.startswith("en-"):  # not "enx", which is another language
            ed = english(leaflet, also=also)
        else:
            ed = translate.edition(leaflet, code, allow_partial, reviewed.get(code), translations)
            ed = replace(ed, also=also, english_title=title)
        out.append(ed.local())
    return out, warnings


def layout_of(leaflet: content.Leaflet, name: str | None = None,
              dirs: tuple[Path, ...] = (layouts.LAYOUTS,)) -> layouts.Layout:
    """The layout `--layout` names, else the content file's `layout:`, from the first of `dirs`."""
    return layouts.load(name or leaflet.layout, dirs)


@dataclass(frozen=True)
class Task:
    """One edition's files to make: picklable, so a worker process can make them."""
    edition: Edition
    english: Edition
    layout: layouts.Layout
    formats: tuple[str, ...]
    bilingual: str | None  # the form, already resolved from the layout
    marks: bool | None
    after: object = None  # a module-level function applied to the outputs in the worker (previews)

    @property
    def name(self) -> str:
        return f"{self.edition.leaflet.id} {self.edition.code}"


def plan(project: Project, paths: list[Path], languages: list[str] | None = None, allow_partial: bool = False,
         bilingual_mode: str | None = None, formats: tuple[str, ...] = ("screen", "print"),
         marks: bool | None = None, after=None, layout_name: str | None = None) -> tuple[list[Task], list[str]]:
    """Every edition to make, in a fixed order, and warnings about those left out.
    Reading and checking the content and catalogs happens here, before any typesetting."""
    tasks, warnings = [], []
    for path in paths:
        leaflet = content.load(display(path))
        editions, skipped = editions_of(leaflet, languages, allow_partial, project.translations)
        warnings += skipped
        english_edition = next((e for e in editions if e.is_english), None) or english(leaflet).local()
        layout = layout_of(leaflet, layout_name, project.layout_dirs)
        mode = (layout.bilingual if bilingual_mode == "default" else bilingual_mode) if bilingual_mode else None
        tasks += [Task(e, english_edition, layout, formats, None if e.is_english else mode, marks,
                       after) for e in editions]
    return tasks, warnings


def all_content(project: Project | None = None) -> list[Path]:
    return (project or projects.at(None)).leaflets()


def display(path: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
