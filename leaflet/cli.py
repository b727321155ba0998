"""Command line: `python generate.py [COMMAND ...]` (no command: build everything).

Thin by design: parse arguments, call the stages, turn a LeafletError into one
line on stderr and exit status 2.
"""
from __future__ import annotations

import argparse
import gc
import os
import sys
from pathlib import Path

from .errors import LeafletError, printable


def parser(prog: str = "leaflet") -> argparse.ArgumentParser:
    # --project is accepted before or after the command (SUPPRESS: a subcommand's
    # default does not overwrite a value given before it).
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--project", type=Path, default=argparse.SUPPRESS,
                        help="the project folder: content/, translations/, layouts/, fonts/ (default: this folder)")
    p = argparse.ArgumentParser(prog=prog, description="Build folded A5 information leaflets.", parents=[common])
    sub = p.add_subparsers(dest="command")
    b = sub.add_parser("build", help="build leaflets (default: every file in content/)", parents=[common])
    b.add_argument("paths", nargs="*", type=Path, help="content YAML files")
    b.add_argument("--out", type=Path, default=None, help="output directory (default: build/ in the project)")
    b.add_argument("--jobs", "-j", type=int, default=None, help="editions built at once (default: one per core)")
    b.add_argument("--quiet", "-q", action="store_true", help="no progress and no list of files: warnings and "
                   "the summary only")
    b.add_argument("--preview", action="store_true", help="also write a PNG of every page (previews/) and "
                   "proof.html, every edition side by side")
    b.add_argument("--lang", action="append", help="language code, or 'all' (default: English and every "
                   "complete translation); may be repeated")
    b.add_argument("--allow-partial", action="store_true",
                   help="print incomplete translations, with the missing blocks in English")
    b.add_argument("--bilingual", nargs="?", const="default", choices=("parallel", "blocks", "flip", "default"),
                   help="also build each translation with English beside it (default: the layout's mode)")
    b.add_argument("--format", action="append", choices=("screen", "print", "press"), dest="formats",
                   help="which files to write (default: screen and print); press is PDF/X-4 for a print "
                   "shop; may be repeated")
    b.add_argument("--marks", action=argparse.BooleanOptionalAction, default=None,
                   help="crop marks on press files (default: as the layout says)")
    b.add_argument("--layout", help="a layout in layouts/ (a5-fold, dl-trifold, a4-sheet, large-print) or a "
                   "layout YAML file, for every leaflet built (default: each content file's `layout:`)")
    new = sub.add_parser("new", help="new DIR: a starter project in DIR; in a project, new NAME: content/NAME.yaml",
                         parents=[common])
    new.add_argument("target", help="a folder for a new project, or (in a project) a new leaflet's id")
    new.add_argument("--dir", type=Path, default=None, help="with a leaflet's id: the folder to write it in "
                     "(default: the project's content/)")
    sub.add_parser("extract", help="write translations/<leaflet>.pot and translations/leaflet.pot", parents=[common])
    for name, text in (("init", "start a new language's catalogs"),
                       ("update", "merge the templates into the catalogs (changed English becomes fuzzy)"),
                       ("check", "check catalogs from translators; exit 1 if any entry is rejected"),
                       ("status", "translated / fuzzy / untranslated / rejected, per leaflet and language")):
        c = sub.add_parser(name, help=text, parents=[common])
        if name == "init":
            c.add_argument("--lang", required=True, help="the language to start: any language CLDR knows, as a "
                           "BCP 47 tag (pt, uk, zh-Hans, pt-BR)")
        else:
            c.add_argument("--lang", help="language code (default: every language)")
    ex = sub.add_parser("export-xliff", help="write a language's catalogs as XLIFF 1.2 for a translation agency",
                        parents=[common])
    ex.add_argument("--lang", required=True, help="language code")
    ex.add_argument("--out", type=Path, required=True, help="the .xlf file to write")
    im = sub.add_parser("import-xliff", help="merge an agency's XLIFF back into the catalogs, through the checks",
                        parents=[common])
    im.add_argument("file", type=Path)
    pdf = sub.add_parser("check-pdf", help="check a screen PDF against the accessibility rules")
    pdf.add_argument("file", type=Path)
    press = sub.add_parser("check-press", help="check a press file against the PDF/X-4 and print-shop rules")
    press.add_argument("file", type=Path)
    press.add_argument("--bleed-mm", type=float, default=3, help="bleed the file must have (default: 3)")
    press.add_argument("--safe-mm", type=float, default=5, help="text must keep this far inside the trim (default: 5)")
    sub.add_parser("schema", help="print the JSON Schema of content files (schema/leaflet.schema.json)")
    sheet = sub.add_parser("test-sheet", help="write a duplex test sheet: which flip setting prints the right way up",
                           parents=[common])
    sheet.add_argument("--out", type=Path, default=Path("build/duplex-test-sheet.pdf"))
    return p


def run(argv: list[str] | None = None, project: Path | None = None, prog: str = "leaflet") -> None:
    """`main`, then the process ends at once: the console script and generate.py.
    Python's own teardown (every module and object freed one by one) is a tenth
    of a one-edition build, and nothing is left to do: every file is written and
    closed by then, and the output streams are flushed here."""
    status = main(argv, project, prog)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # a reader such as `head` that went away
        pass
    os._exit(status or 0)


def main(argv: list[str] | None = None, project: Path | None = None, prog: str = "leaflet") -> int:
    """`project`: the folder to work on when --project is not given (default:
    the folder the tool is run in; the repository's generate.py passes its own)."""
    args = parser(prog).parse_args(argv)
    _exit_cleanly_on_sigterm()
    try:
        _check_languages(args)
        from . import project as projects

        args.project = projects.at(getattr(args, "project", project))
        command = args.command or "build"
        if command == "build":
            return _build(args)
        return COMMANDS[command](args)
    except LeafletError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # a file system fault the stages did not foresee: still one line
        where = f"{exc.filename}: " if exc.filename else ""
        print(printable(f"error: {where}{exc.strerror or exc}"), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _exit_cleanly_on_sigterm() -> None:
    """A terminated build unwinds like an interrupted one, so its staging folder
    is removed (see `writing`); only SIGKILL leaves it, for the next build."""
    import signal

    def stop(signum, frame):
        raise SystemExit(143)

    if hasattr(signal, "SIGTERM"):
        try:
            signal.signal(signal.SIGTERM, stop)
        except ValueError:  # pragma: no cover - not the main thread (main() called from a thread)
            pass


def _check_languages(args) -> None:
    """Every --lang of every command is a well-formed tag before it reaches a path."""
    from . import tags

    codes = getattr(args, "lang", None)
    for code in codes if isinstance(codes, list) else [codes] if codes else []:
        if code != "all":
            tags.validate(code)


def _build(args) -> int:
    from . import overlap

    # A build is one short burst of allocation: the objects the imports made
    # live as long as the process, so the collector need never look at them
    # again, and it runs when 50,000 new objects (not 700) may hold a cycle.
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)

    project = args.project
    out = getattr(args, "out", None) or project.build
    formats = tuple(getattr(args, "formats", None) or ("screen", "print"))
    quiet = getattr(args, "quiet", False)
    paths = getattr(args, "paths", None) or project.leaflets()
    if not paths:
        from .plan import display

        raise LeafletError(f"no leaflets: {display(project.content)}/ has no .yaml file (start one with "
                           "`leaflet new NAME`)")
    preview = getattr(args, "preview", False)
    if preview:
        from . import proof
    jobs = getattr(args, "jobs", None)
    # A second process reads and checks the content and catalogs while this one
    # imports the typesetter, then imposes the print files (not when told to use
    # one process, nor when the editions are shared out among worker processes).
    with overlap.Second(("pikepdf", "leaflet.impose"), fork=jobs != 1) as second:
        second.send(_plan, project, paths, getattr(args, "lang", None), getattr(args, "allow_partial", False),
                    getattr(args, "bilingual", None), formats, getattr(args, "marks", None),
                    proof.with_previews if preview else None, getattr(args, "layout", None))
        from . import build

        tasks, skipped, table = second.receive()
        build.fonts.given(project.font_dirs, table)
        if build.workers(jobs, len(tasks)) > 1:
            second.close()  # before the workers fork: they must not hold its pipes open
        with _progress(quiet or not sys.stderr.isatty()) as done:
            done.start(len(tasks))
            build.writing.check(out)  # --out naming a file fails now, not after the typesetting
            outputs = build.run(project, tasks, jobs, done)
            build.publish(out, outputs, proof.files(outputs, skipped) if preview else [])
    out = Path(build.display(out))  # as the user would type it, when it is under this folder
    warned = 0
    for warning in skipped:
        print(printable(f"warning: {warning}"), file=sys.stderr)
    for o in outputs:
        if not quiet:
            scaled = "".join(f", {code} {size:g} pt" for code, size in o.script_sizes.items() if size != o.body_size)
            print(f"wrote {out / o.path} ({o.pages} pages, body {o.body_size:g} pt{scaled}, {len(o.data) // 1024} KB)")
        if o.format == next(f for f in ("screen", "print", "press") if f in formats):  # each edition's warnings once
            for warning in o.warnings:
                print(printable(f"warning: {warning}"), file=sys.stderr)  # may quote a translation
                warned += 1
            if o.english_blocks:
                print(f"warning: {o.path.name}: left in English: {', '.join(o.english_blocks)}", file=sys.stderr)
                warned += 1
    if not quiet:
        print(f"wrote {out / 'manifest.json'}")
    if preview:
        print(f"proof page: {out / 'proof.html'}")
    print(f"built {_count(len(tasks), 'edition')} ({_count(len(outputs), 'file')}) into {out}; "
          f"skipped {len(skipped)}; {_count(warned, 'warning')}")
    return 0


def _plan(project, *args):
    """The editions to make, and the project's font table: read in the second
    process, when there is one (so imported here)."""
    from . import fonttable, plan

    return *plan.plan(project, *args), fonttable.read(project.font_dirs)


def _count(n: int, thing: str) -> str:
    return f"{n} {thing}" if n == 1 else f"{n} {thing}s"


class _progress:
    """A progress bar on a terminal (rich), nothing otherwise; called once per finished edition."""

    def __init__(self, quiet: bool):
        self.quiet, self.bar, self.task = quiet, None, None

    def __enter__(self):
        return self

    def start(self, total: int) -> None:
        if not self.quiet:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self.bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                TimeElapsedColumn(), console=Console(stderr=True), transient=True)
            self.bar.start()
            self.task = self.bar.add_task("typesetting", total=total)

    def __call__(self, task) -> None:
        if self.bar is not None:
            self.bar.update(self.task, advance=1, description=f"built {printable(task.name)}")

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.stop()
        return False


def _leaflets(args):
    from . import content, plan

    return [content.load(plan.display(p)) for p in plan.all_content(args.project)]


def _write(files) -> None:
    from .build import display, write_files

    write_files(files)
    for path, _ in files:
        print(f"wrote {display(path)}")


def _extract(args) -> int:
    from .catalogs import workflow

    _write(workflow.extract_all(_leaflets(args), args.project.translations))
    return 0


def _update(args, init: bool = False) -> int:
    from .catalogs import languages, workflow

    _write(workflow.update(_leaflets(args), args.lang, init=init, translations=args.project.translations))
    if init:
        from .fonts import family_for, use

        use(args.project.font_dirs)
        lang = languages.get(args.lang)
        if family_for(lang.script, lang.code) is None:
            print(f"warning: fonts/ has no font for {lang.english_name}'s script ({lang.script}): add one to "
                  "fonts/fonts.yaml before building this language", file=sys.stderr)
    return 0


def _check(args) -> int:
    from .catalogs import workflow

    problems, rows = workflow.check(_leaflets(args), args.lang, args.project.translations)
    for line in problems:
        print(printable(line), file=sys.stderr)
    bad = sum(r.rejected for r in rows)
    unreadable = sum(1 for r in rows if r.error)
    print(f"checked {len(rows)} catalogs: {bad} entries rejected"
          + (f", {unreadable} catalogs could not be read" if unreadable else ""))
    return 2 if unreadable else 1 if bad else 0


def _status(args) -> int:
    from .catalogs import workflow

    _, rows = workflow.check(_leaflets(args), args.lang, args.project.translations)
    print(f"{'leaflet':24} {'lang':8} {'domain':24} {'translated':>10} {'fuzzy':>6} {'untransl.':>9} {'rejected':>8}")
    for r in rows:
        if r.error:
            print(printable(f"{r.leaflet:24} {r.language:8} {r.domain:24} unreadable: {r.error}"))
            continue
        print(printable(f"{r.leaflet:24} {r.language:8} {r.domain:24} {r.translated:>6}/{r.total:<3} "
                        f"{r.fuzzy:>6} {r.untranslated:>9} {r.rejected:>8}"))
    return 2 if any(r.error for r in rows) else 0


def _export_xliff(args) -> int:
    from .build import write_all
    from .catalogs import workflow

    data = workflow.export_xliff(_leaflets(args), args.lang, args.project.translations)
    out = args.out.resolve()
    if out.is_dir():
        raise LeafletError("is a directory; --out names the .xlf file to write", str(args.out))
    try:
        write_all(out.parent, [(Path(out.name), data)])
    except OSError as exc:
        raise LeafletError(f"cannot write: {exc.strerror}", str(args.out)) from None
    print(f"wrote {args.out}")
    return 0


def _import_xliff(args) -> int:
    from .catalogs import workflow

    try:
        data = args.file.read_bytes()
    except OSError as exc:
        raise LeafletError(f"cannot read file: {exc.strerror}", str(args.file)) from None
    files, refused = workflow.import_xliff(_leaflets(args), data, str(args.file), args.project.translations)
    _write(files)
    for line in refused:
        print(line, file=sys.stderr)
    print(f"imported {args.file}: {len(refused)} targets refused")
    return 1 if refused else 0


def _check_pdf(args) -> int:
    from . import pdfcheck

    failures = pdfcheck.check_file(args.file)
    for failure in failures:
        print(failure, file=sys.stderr)
    print(f"{args.file}: {'passes' if not failures else f'{len(failures)} failures'}")
    return 1 if failures else 0


def _check_press(args) -> int:
    from .press import check

    failures = check.check_file(args.file, args.bleed_mm * check.MM, args.safe_mm * check.MM)
    for failure in failures:
        print(failure, file=sys.stderr)
    print(f"{args.file}: {'passes' if not failures else f'{len(failures)} failures'}")
    return 1 if failures else 0


def _test_sheet(args) -> int:
    from . import fonts, layout
    from .build import write_all
    from .testsheet import test_sheet

    fonts.use(args.project.font_dirs)
    out = args.out.resolve()
    write_all(out.parent, [(Path(out.name), test_sheet(layout.load("a5-fold", args.project.layout_dirs)))])
    print(f"wrote {args.out}: print it double-sided and follow what it says")
    return 0


def _schema(args) -> int:
    from . import schema

    sys.stdout.write(schema.text())
    return 0


def _new(args) -> int:
    """`new DIR`: a starter project; inside a project, `new NAME`: content/NAME.yaml."""
    from . import project as projects
    from .build import display, write_all

    target = args.target
    if "/" not in target and "\\" not in target and (args.dir or projects.is_project(args.project.root)):
        path = (args.dir or args.project.content) / f"{target}.yaml"
        if path.exists():
            raise LeafletError("already exists; choose another name or edit it", display(path))
        write_all(path.parent, [(Path(path.name), projects.starter(target).encode("utf-8"))])
        print(f"wrote {display(path)}: edit it, then `leaflet build {display(path)}`")
        return 0
    folder = Path(target)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise LeafletError("already exists and is not an empty folder; a new project needs a new folder", target)
    files = projects.new_files(folder.resolve().name)
    write_all(folder.resolve(), files)
    print(f"wrote a new project in {target}: {', '.join(p.as_posix() for p, _ in files if p.name != '.keep')}; "
          f"build it with `cd {target} && leaflet build --preview`")
    return 0


COMMANDS = {"schema": _schema, "new": _new, "extract": _extract, "init": lambda a: _update(a, init=True), "update": _update, "check": _check,
            "status": _status, "export-xliff": _export_xliff, "import-xliff": _import_xliff,
            "check-pdf": _check_pdf, "check-press": _check_press, "test-sheet": _test_sheet}
