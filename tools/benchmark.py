"""Benchmarks.

    python tools/benchmark.py [--runs 7] [LANG ...]
        CPU time (process_time: steadier than wall time on a shared machine) to
        typeset one edition, after start-up (imports and font loading done),
        with the text engine's caches cleared so that every word is shaped again.

    python tools/benchmark.py --vs-typst [--runs 5]
        Whole processes, in pairs: this tool building the full edition set (every
        language, screen + print) against Typst (PyPI `typst`, the `bench` extra) compiling the same
        leaflet in every language, screen and print, in one process; then one
        English edition against Typst compiling the English leaflet. Each pair
        runs A then B back to back; the figures are medians of A, of B, and of the
        pair-by-pair ratios A/B (which hold when the machine's speed drifts).
        Time is wall and CPU (user + system) of the finished process and the
        processes it waited for, memory the peak resident set of the largest of
        them, all from the kernel's accounting (os.wait4).

The Typst documents are written from the editions this tool builds (their text,
in the same order: front, questions and answers, back page), by `typst_source`
below, with the fonts in fonts/: Typst sets the same words, not a copy of our
layout. Its "print" document is the same text on A4 landscape in two columns
(two A5 panels a side), so Typst lays every word out again, as our imposition
costs us; Typst makes no folded print file of its own.
"""
from __future__ import annotations

import argparse
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LEAFLET = "content/serious-case-reviews.yaml"
ACCENT = "#00566e"
FONTS = ("Noto Sans", "Noto Naskh Arabic", "Noto Nastaliq Urdu", "Noto Sans Bengali", "Noto Sans Gurmukhi",
         "Noto Sans Tamil", "Noto Sans CJK KR", "Noto Sans CJK SC")


# ------------------------------------------------------------ in-process typesetting

def typeset_times(languages: list[str], runs: int) -> None:
    from leaflet import build, content, layout
    from leaflet.impose import impose
    from leaflet.text import bidi, breaking, itemize, lines, shaping
    from leaflet.typeset import typeset

    caches = (lines.prepare, shaping._shape, itemize._pick, itemize._script, itemize._extensions,
              breaking.opportunities, bidi.levels)
    leaflet = content.load(LEAFLET)
    L = layout.load(leaflet.layout)
    editions, _ = build.editions_of(leaflet, languages or None)
    print(f"{'edition':10} {'pages':>5} {'typeset ms (median, min-max)':>30} {'impose ms':>10}")
    for edition in editions:
        result = typeset(edition, L)  # loads this edition's fonts
        times, imposing = [], []
        for _ in range(runs):
            for cache in caches:
                cache.cache_clear()
            t = time.process_time()
            result = typeset(edition, L)
            times.append((time.process_time() - t) * 1000)
            t = time.process_time()
            impose(result.pdf, "#A0A0A0", 17, 0.3)
            imposing.append((time.process_time() - t) * 1000)
        print(f"{edition.code:10} {result.pages:>5} {statistics.median(times):>14.0f} "
              f"({min(times):.0f}-{max(times):.0f}) {statistics.median(imposing):>14.0f}")


# ------------------------------------------------------------ the Typst side

def _typst_text(text: str) -> str:
    """Literal text in Typst markup: every markup character escaped."""
    return "".join("\\" + c if c in "\\*_`$#[]<>@=-+/~\"'" else c for c in text)


def _typst_spans(block) -> str:
    out = []
    for span in block.spans:
        text = _typst_text(span.text)
        if span.href:
            text = f"#link({_typst_string(span.href)})[{text}];"  # ';': a "(" after it is text, not arguments
        if span.bold:
            text = f"#strong[{text}];"
        if span.italic:
            text = f"#emph[{text}];"
        out.append(text)
    return "".join(out)


def _typst_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _typst_body(body) -> list[str]:
    """Any body's blocks as Typst: paragraphs, lists, callouts, tables, figures'
    captions and QR captions (the words a reader sees)."""
    from leaflet.blocks.callout import Callout
    from leaflet.blocks.lists import List
    from leaflet.blocks.table import Table

    out = []
    for block in body:
        if isinstance(block, List):
            mark = "+" if block.numbered else "-"
            for item in block.items:
                out.append(f"{mark} {_typst_spans(item.text)}")
                out += [f"  {mark} {_typst_spans(sub.text)}" for sub in item.items]
            out.append("")
        elif isinstance(block, Callout):
            title = [f"#strong[{_typst_spans(block.title)}] \\\\"] if block.title else []
            out += ["#block(inset: 3mm, fill: accent.lighten(90%))[", *title,
                    *[_typst_spans(p) + "\n" for p in block.paragraphs], "]"]
        elif isinstance(block, Table):
            cells = [f"[{_typst_spans(c)}]" for row in (block.header, *block.rows) for c in row]
            out.append(f"#table(columns: {len(block.header)}, {', '.join(cells)})")
        elif hasattr(block, "spans"):
            out.append(_typst_spans(block) + "\n")
        elif getattr(block, "caption", None) is not None:
            out.append(f"#emph[{_typst_spans(block.caption)}]\n")
    return out


def _typst_contact(c, labels) -> list[str]:
    lines = [f"#strong[{_typst_text(c.name)}]"] if c.name else []
    lines += [_typst_spans(b) for b in (c.role, c.team) if b is not None]
    lines += [_typst_text(x) for x in (*c.address, c.postcode or "") if x]
    for phone in c.phones:
        label = getattr(labels, "telephone" if phone.kind == "telephone" else phone.kind, labels.telephone)
        lines.append(f"{_typst_text(label)}: {_typst_text(phone.display)}")
    if c.email:
        lines.append(f"{_typst_text(labels.email)}: #link({_typst_string('mailto:' + c.email)})[{_typst_text(c.email)}]")
    if c.website:
        lines.append(f"{_typst_text(labels.website)}: #link({_typst_string(c.website)})[{_typst_text(c.website)}]")
    for h in c.hours:
        lines.append(_typst_text(f"{labels.hours}: {h.opens:%H:%M}-{h.closes:%H:%M}"))
    return ["#block(inset: (left: 5mm, y: 2mm), stroke: (left: 2pt + accent))[", " \\\n".join(lines), "]"]


def typst_source(edition) -> str:
    """One edition as a Typst document: A5, 15 mm margins, Noto fonts, 11 pt body
    (input `print=1`: A4 landscape in two columns)."""
    leaflet, labels = edition.leaflet, edition.labels
    lang = edition.language.split("-")[0]
    fonts = FONTS if lang != "ur" else ("Noto Sans", "Noto Nastaliq Urdu", *FONTS[1:2], *FONTS[3:])  # as we set Urdu
    out = [
        f'#let accent = rgb("{ACCENT}")',
        '#let print = sys.inputs.at("print", default: "0") == "1"',
        f"#set document(title: {_typst_string(leaflet.title.text)}, author: {_typst_string(leaflet.organisation)})",
        '#set page(..if print { (paper: "a4", flipped: true, columns: 2) } else { (width: 148mm, height: 210mm) },'
        " margin: 15mm)",
        f"#set text(font: ({', '.join(map(_typst_string, fonts))}), size: 11pt, lang: {_typst_string(lang)})",
        "#set par(justify: false, leading: 0.6em, spacing: 0.85em)",
        "#show heading: it => block(above: 1.1em, below: 0.6em, sticky: true,"
        " text(size: 12.1pt, weight: \"bold\", fill: accent, it.body))",
        "#show link: set text(fill: accent)",
        "#v(1fr)",
        f"#text(size: 30pt, fill: accent)[{_typst_spans(leaflet.title)}]",
        "#v(4mm)",
        f"#text(size: 17pt)[{_typst_spans(leaflet.subtitle)}]",
        *_typst_body(leaflet.front),
        "#v(2fr)",
        "#block(width: 100%, inset: (top: 4mm), stroke: (top: 1pt + accent))[",
    ]
    for mark in leaflet.wordmarks:
        out.append(f"  #strong[{_typst_text(mark.name)}]\n")
        if mark.strapline:
            out.append(f"  #emph[{_typst_text(mark.strapline)}]\n")
    out += ["]", "#pagebreak()"]
    for section in leaflet.sections:
        out.append(f"#heading[{_typst_spans(section.question)}]\n")
        out += _typst_body(section.answer)
    out += ["#pagebreak()", *_typst_body(leaflet.intro)]
    for contact in leaflet.contacts:
        out += _typst_contact(contact, labels)
    for further in leaflet.further_reading:
        out += [_typst_spans(further.text) + "\n", f"#link({_typst_string(further.url)})\n"]
    return "\n".join(out) + "\n"


def write_typst_sources(folder: Path, languages: list[str] | None) -> list[Path]:
    from leaflet import build, content

    editions, _ = build.editions_of(content.load(ROOT / LEAFLET), languages)
    paths = []
    for edition in editions:
        path = folder / f"{edition.code}.typ"
        path.write_text(typst_source(edition), encoding="utf-8")
        paths.append(path)
    return paths


def typst_worker(sources: list[str], out: str) -> None:
    """Compile each source as screen and print documents, in one process (as our
    build does), through one Typst compiler: fonts are read once and Typst's own
    caches carry over from document to document (its best case)."""
    import typst

    folder = Path(sources[0]).parent
    main = folder / "main.typ"
    main.write_text('#include sys.inputs.at("doc")\n', encoding="utf-8")
    compiler = typst.Compiler(str(main), font_paths=[str(ROOT / "fonts")])
    for source in sources:
        for kind in ("screen", "print"):
            pdf = compiler.compile(sys_inputs={"doc": Path(source).name, "print": "1" if kind == "print" else "0"})
            Path(out, f"{Path(source).stem}.{kind}.pdf").write_bytes(pdf)


# ------------------------------------------------------------ paired whole-process runs

def run(command: list[str]) -> tuple[float, float, float]:
    """(wall s, CPU s, peak MiB) of one finished process, from the kernel's accounting."""
    # as an installed tool runs: with Python's bytecode cache (a shell may turn it off)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    t = time.perf_counter()
    proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    proc.returncode = os.waitstatus_to_exitcode(status)
    error = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    if proc.returncode:
        sys.exit(f"{shlex.join(command)} failed ({proc.returncode}): {error.strip()[-400:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def paired(name: str, a: list[str], b: list[str], runs: int) -> None:
    run(a), run(b)  # warm-up: file caches, Python's compiled modules
    A, B = [], []
    for _ in range(runs):
        A.append(run(a))
        B.append(run(b))
    print(f"\n{name}: {runs} pairs, A = leaflet, B = Typst (medians; ratio = median of A/B pair by pair)")
    print(f"{'':12} {'A':>9} {'B':>9} {'A/B':>7}  (A/B min-max)")
    for i, (label, unit) in enumerate((("wall", "s"), ("cpu", "s"), ("peak mem", "MiB"))):
        ratios = [x[i] / y[i] for x, y in zip(A, B)]
        print(f"{label:12} {statistics.median(x[i] for x in A):>8.2f}{unit[0]} "
              f"{statistics.median(y[i] for y in B):>8.2f}{unit[0]} {statistics.median(ratios):>6.2f}x"
              f"  ({min(ratios):.2f}-{max(ratios):.2f})")


def sizes(ours: Path, theirs: Path) -> None:
    print(f"\nsizes, KB: {'edition':14} {'leaflet':>8} {'Typst':>8}")
    for pdf in sorted(theirs.glob("*.pdf")):
        code, kind = pdf.stem.rsplit(".", 1)
        mine = next(ours.glob(f"*/*.{code}.{kind}.pdf"), None)
        print(f"{'':10} {code + ' ' + kind:14} {mine.stat().st_size / 1024 if mine else 0:>8.1f} "
              f"{pdf.stat().st_size / 1024:>8.1f}")


def versus_typst(runs: int) -> None:
    python = sys.executable
    with tempfile.TemporaryDirectory(prefix="leaflet-bench-") as tmp:
        tmp = Path(tmp)
        for d in ("typ", "ours-all", "ours-en", "typst-all", "typst-en"):
            (tmp / d).mkdir()
        # Written by another process: this one stays small. A child's peak memory
        # counts the pages it was forked with, so a benchmark that had loaded the
        # tool itself would set a floor under both sides' figures.
        every = [Path(p) for p in subprocess.run(
            [python, str(Path(__file__).resolve()), "--write-sources", str(tmp / "typ")], cwd=ROOT,
            check=True, capture_output=True, text=True).stdout.split("\n") if p]
        english = [p for p in every if p.stem == "en"]
        build = [python, "generate.py", "build", LEAFLET, "--out"]
        worker = [python, str(Path(__file__).resolve()), "--typst-worker"]
        paired("full set (every language, screen + print)", build + [str(tmp / "ours-all"), "--lang", "all"],
               worker + [str(tmp / "typst-all"), *map(str, every)], runs)
        paired("one English edition (screen + print)", build + [str(tmp / "ours-en"), "--lang", "en"],
               worker + [str(tmp / "typst-en"), *map(str, english)], runs)
        sizes(tmp / "ours-all", tmp / "typst-all")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("languages", nargs="*")
    p.add_argument("--runs", type=int, default=None)
    p.add_argument("--vs-typst", action="store_true", help="paired whole-process runs against Typst")
    p.add_argument("--typst-worker", metavar="OUT", help=argparse.SUPPRESS)
    p.add_argument("--write-sources", metavar="DIR", help=argparse.SUPPRESS)
    a = p.parse_args()
    if a.write_sources:
        print("\n".join(map(str, write_typst_sources(Path(a.write_sources), ["all"]))))
    elif a.typst_worker:
        typst_worker(a.languages, a.typst_worker)
    elif a.vs_typst:
        versus_typst(a.runs or 5)
    else:
        typeset_times(a.languages, a.runs or 7)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
