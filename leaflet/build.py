"""Building editions into files: typeset, impose, then write everything at once.

Nothing is written until every edition of the run has been made in memory;
then `writing` writes them all or none, under a lock on the output folder.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, replace
from pathlib import Path

from . import fonts, layout as layouts, markup, overlap, writing
from . import project as projects
from .catalogs import languages
from .edition import Edition
from . import impose as impose_module
from .impose import impose
from .plan import Task, all_content, display, editions_of, layout_of, plan  # noqa: F401 (the build's API)
from .project import Project
from .typeset import pair as typeset_pair, typeset


@dataclass(frozen=True)
class Output:
    path: Path  # relative to the output directory
    data: bytes
    leaflet: str
    languages: tuple[str, ...]
    format: str  # screen | print | press
    pages: int  # A5 pages
    sheets: int  # printed sheet sides (print files), or pages
    body_size: float
    warnings: tuple[str, ...] = ()
    english_blocks: tuple[str, ...] = ()  # left in English in a partial edition
    bilingual: str | None = None  # parallel | blocks | flip
    previews: tuple[bytes, ...] = ()  # PNG of each page, when previews were asked for (not in the manifest)

    @property
    def script_sizes(self) -> dict[str, float]:
        """Each language's text size: the body size times its script's optical
        scale (fonts.yaml), e.g. Farsi at 1.1 x the Latin body."""
        out = {}
        for code in self.languages:
            family = fonts.family_for(languages.get(code).script, code)
            out[code] = round(self.body_size * (family.scale if family else 1.0), 2)
        return out

    def manifest(self) -> dict:
        return {"file": self.path.as_posix(), "leaflet": self.leaflet, "languages": list(self.languages),
                "format": self.format, "pages": self.pages, "pdf_pages": self.sheets,
                "body_size": self.body_size, "script_sizes": self.script_sizes, "bytes": len(self.data),
                "sha256": hashlib.sha256(self.data).hexdigest(), "untranslated": list(self.english_blocks),
                **({"bilingual": self.bilingual} if self.bilingual else {})}


def make(edition: Edition, layout: layouts.Layout | None = None) -> list[Output]:
    """Both files of one edition, in memory."""
    leaflet = edition.leaflet
    layout = layout or layout_of(leaflet)
    result = typeset(edition, layout)
    partial = ".partial" if edition.partial or edition.partial_labels else ""
    stem = f"{leaflet.id}.{edition.code}{partial}{layout.file_tag}"
    meta = {"/Title": markup.plain(leaflet.title.spans), "/Author": leaflet.organisation,
            "/Subject": f"{markup.plain(leaflet.subtitle.spans)} (for printing)", "/Creator": "leaflet"}
    # Paper shows a link's address after its text: set again for print when the text has such links.
    paper = typeset(replace(edition, medium="print"), layout) \
        if any(markup.has_text_links(b.spans) for b in leaflet.blocks()) else result
    printed = _impose(paper.pdf, layout, meta, rtl=edition.rtl)
    common = dict(leaflet=leaflet.id, languages=(edition.language,), pages=result.pages,
                  body_size=result.body_size, warnings=result.warnings,
                  english_blocks=edition.partial + edition.partial_labels)
    return [Output(Path(leaflet.id) / f"{stem}.screen.pdf", result.pdf, format="screen", sheets=result.pages,
                   **common),
            Output(Path(leaflet.id) / f"{stem}.print.pdf", printed, format="print", sheets=_sides(layout, paper.pages),
                   **{**common, "pages": paper.pages, "body_size": paper.body_size})]


def make_bilingual(first: Edition, second: Edition, mode: str, layout: layouts.Layout | None = None) -> list[Output]:
    """Both files of a bilingual edition (community language first, English second)."""
    leaflet = first.leaflet
    layout = layout or layout_of(leaflet)
    pdf, pages, size = typeset_pair(first, second, layout, mode)
    partial = ".partial" if first.partial or first.partial_labels else ""
    stem = f"{leaflet.id}.{first.code}+{second.code}{partial}{layout.file_tag}"
    meta = {"/Title": f"{markup.plain(leaflet.title.spans)} / {markup.plain(second.leaflet.title.spans)}",
            "/Author": leaflet.organisation, "/Creator": "leaflet"}
    order = impose_module.flip_order(pages, mixed=first.rtl != second.rtl) if mode == "flip" else None
    printed = _impose(pdf, layout, meta, order, rtl=first.rtl)
    common = dict(leaflet=leaflet.id, languages=(first.language, second.language), pages=pages, body_size=size,
                  english_blocks=first.partial + first.partial_labels, bilingual=mode)
    return [Output(Path(leaflet.id) / f"{stem}.screen.pdf", pdf, format="screen", sheets=pages, **common),
            Output(Path(leaflet.id) / f"{stem}.print.pdf", printed, format="print", sheets=_sides(layout, pages),
                   **common)]


def _sides(layout: layouts.Layout, pages: int) -> int:
    """Printed sheet sides of a print file."""
    return len(impose_module.side_order(pages, layout.imposition))


def _impose(pdf: bytes, layout: layouts.Layout, meta: dict, order=None, rtl: bool = False) -> bytes:
    return overlap.call(impose, pdf, layout.colours["fold_mark"], layout.fold_mark_length, layout.fold_mark_width, meta, order,
                  rtl=rtl, fold_edge=layout.fold_mark_edge, imposition=layout.imposition)


FORMATS = ("screen", "print", "press")


def make_press(edition: Edition, second: Edition | None = None, mode: str | None = None,
               marks: bool | None = None, layout: layouts.Layout | None = None) -> Output:
    """The press (PDF/X-4) file of an edition, or of a bilingual one with `second`."""
    from .press import editions as press

    leaflet = edition.leaflet
    layout = layout or layout_of(leaflet)
    partial = ".partial" if edition.partial or edition.partial_labels else ""
    code = f"{edition.code}+{second.code}" if second else edition.code
    pdf, pages, size, warnings = press.pair(edition, second, layout, mode, marks) if second else \
        press.single(edition, layout, marks)
    return Output(Path(leaflet.id) / f"{leaflet.id}.{code}{partial}{layout.file_tag}.press.pdf", pdf, leaflet=leaflet.id,
                  languages=(edition.language,) + ((second.language,) if second else ()), format="press",
                  pages=pages, sheets=pages, body_size=size, warnings=warnings,
                  english_blocks=edition.partial + edition.partial_labels, bilingual=mode if second else None)


def make_task(task: Task) -> list[Output]:
    """One edition's files (and its bilingual edition's), in memory."""
    edition, formats, layout = task.edition, task.formats, task.layout
    out: list[Output] = []
    office = {"screen", "print"} & set(formats)
    if office:
        out.extend(make(edition, layout))
    if "press" in formats:
        out.append(make_press(edition, marks=task.marks, layout=layout))
    if task.bilingual:
        if office:
            out.extend(make_bilingual(edition, task.english, task.bilingual, layout))
        if "press" in formats:
            out.append(make_press(edition, task.english, task.bilingual, task.marks, layout))
    out = [o for o in out if o.format in formats]
    return task.after(out) if task.after else out


def run(project: Project, tasks: list[Task], jobs: int | None = None, done=None) -> list[Output]:
    """Make every task's files, in `jobs` processes (None: one per core). The
    results come back in task order, so the files are those of a serial build.
    `done(task)` is called as each finishes (for a progress display)."""
    jobs = workers(jobs, len(tasks))
    fonts.use(project.font_dirs)
    if jobs == 1:
        results = []
        for task in tasks:
            results.append(make_task(task))
            done and done(task)
        return [o for r in results for o in r]
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(jobs, initializer=fonts.use, initargs=(project.font_dirs,)) as pool:
        futures = [pool.submit(make_task, t) for t in tasks]
        for task, future in zip(tasks, futures):
            future.add_done_callback(lambda f, t=task: done and not f.cancelled() and not f.exception() and done(t))
        try:
            return [o for f in futures for o in f.result()]  # the first failure is raised, in task order
        except BaseException:
            for f in futures:
                f.cancel()  # an edition that failed fails the build: do not wait for the rest
            raise


def workers(jobs: int | None, tasks: int) -> int:
    """The processes `run` makes `tasks` in (`jobs` None: one per core)."""
    return max(1, min(jobs or os.cpu_count() or 1, tasks))


def build(paths: list[Path], out_dir: Path, languages: list[str] | None = None,
          allow_partial: bool = False, bilingual_mode: str | None = None,
          formats: tuple[str, ...] = ("screen", "print"), marks: bool | None = None,
          project: Project | None = None, jobs: int | None = 1, done=None,
          extra=None, layout_name: str | None = None) -> tuple[list[Output], list[str]]:
    """Build editions; with `bilingual_mode`, also each translation beside English.
    `formats`: which of FORMATS to write; `marks`: the press files' crop marks on/off (None: the layout's).
    `project`: whose catalogs, layouts and fonts (default: the folder the process runs in);
    `extra(outputs)`: more files to write in the same transaction (previews, the proof page)."""
    project = project or projects.at(None)
    writing.check(out_dir)  # --out naming a file fails now, not after the typesetting
    tasks, warnings = plan(project, paths, languages, allow_partial, bilingual_mode, formats, marks,
                           layout_name=layout_name)
    outputs = run(project, tasks, jobs, done)
    publish(out_dir, outputs, extra(outputs) if extra else [])
    return outputs, warnings


def write_all(out_dir: Path, files: list[tuple[Path, bytes]]) -> None:
    """Write every file under `out_dir`, all or nothing (see `writing`)."""
    writing.transaction(Path(out_dir), files)


def write_files(files: list[tuple[Path, bytes]]) -> None:
    """Write files given by absolute path, as one transaction in their common folder."""
    paths = [Path(p).resolve() for p, _ in files]
    if not paths:
        return
    root = Path(os.path.commonpath([p.parent for p in paths]))
    writing.transaction(root, [(p.relative_to(root), data) for p, (_, data) in zip(paths, files)])


def publish(out_dir: Path, outputs: list[Output], extra: list[tuple[Path, bytes]] = ()) -> None:
    """Write a build's files and its manifest. The manifest describes the folder:
    this build's files, and those an earlier (or concurrent) build left there
    that are still as its manifest says."""
    def manifest(root: Path) -> list[tuple[Path, bytes]]:
        ours = {o.path.as_posix(): o.manifest() for o in outputs}
        kept = {e["file"]: e for e in _old_entries(root) if e["file"] not in ours}
        entries = [v for _, v in sorted({**kept, **ours}.items())]
        text = json.dumps({"files": entries}, indent=2, ensure_ascii=False) + "\n"
        return [(Path("manifest.json"), text.encode())]

    writing.transaction(Path(out_dir), [(o.path, o.data) for o in outputs] + list(extra), merge=manifest)


def _old_entries(root: Path) -> list[dict]:
    """Entries of an existing manifest whose file is still there, unchanged."""
    try:
        files = json.loads((root / "manifest.json").read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return []  # none yet, or not ours: this build's manifest replaces it
    out = []
    for e in files if isinstance(files, list) else []:
        try:
            path = root / e["file"]
            if (".." not in Path(e["file"]).parts and path.is_file() and not path.is_symlink()
                    and hashlib.sha256(path.read_bytes()).hexdigest() == e["sha256"]):
                out.append(e)
        except (OSError, KeyError, TypeError, ValueError):
            continue
    return out
