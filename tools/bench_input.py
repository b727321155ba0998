#!/usr/bin/env python3
"""How the text engine's time grows with hostile input: a long paragraph, a
long word (Latin, Arabic and Chinese), set at the leaflet's body size and width.

    python tools/bench_input.py [--profile]

Line breaking and fitting should be near-linear: doubling the text should
about double the time. (The content rules cap a block at 2,000 characters and
a word at 100; this measures what the engine would do past them.)
Not a test: timings depend on the machine.
"""
from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from leaflet.markup import Span  # noqa: E402
from leaflet.text.lines import break_lines, prepare  # noqa: E402

WIDTH, SIZE, LEADING = 170.0, 11.0, 1.3  # an A5 panel's measure, body text
WORDS = {"en": "safeguarding children together ", "ar": "حماية الأطفال معا ",
         "zh": "保护儿童的安全是我们共同的责任"}


def paragraph(language: str, chars: int) -> tuple[Span, ...]:
    unit = WORDS[language]
    return (Span((unit * (chars // len(unit) + 1))[:chars].strip()),)


def word(chars: int) -> tuple[Span, ...]:
    return (Span("x" * chars),)


def run(spans, language: str, rtl: bool = False) -> tuple[float, int]:
    prepare.cache_clear()
    start = time.perf_counter()
    lines = break_lines(prepare(spans, language, rtl), WIDTH, SIZE, LEADING, [])
    return time.perf_counter() - start, len(lines)


def fitting(chars: int) -> tuple[float, int]:
    """Typeset the real leaflet with its first answer `chars` long (past the
    content rule's cap, lifted here): page counting and autofit included."""
    import copy

    import yaml

    from leaflet import content, edition, layout, prose, source
    from leaflet.typeset import typeset

    seed = Path(__file__).resolve().parent.parent / "content" / "serious-case-reviews.yaml"
    data = yaml.safe_load(seed.read_text(encoding="utf-8"))
    data = copy.deepcopy(data)
    data["sections"][0]["answer"][0]["text"] = ("safeguarding children together " * (chars // 31 + 1))[:chars]
    cap, prose.MAX_BLOCK = prose.MAX_BLOCK, 10 ** 9
    try:
        leaflet = content.from_node(source.loads(yaml.safe_dump(data), "bench.yaml"))
    finally:
        prose.MAX_BLOCK = cap
    start = time.perf_counter()
    result = typeset(edition.english(leaflet), layout.load(leaflet.layout))
    return time.perf_counter() - start, result.pages


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--profile", action="store_true", help="profile the largest English paragraph")
    args = ap.parse_args()
    if args.profile:
        spans = paragraph("en", 60_000)
        cProfile.runctx("run(spans, 'en')", globals(), {"spans": spans, "run": run}, "/tmp/bench_input.prof")
        pstats.Stats("/tmp/bench_input.prof").sort_stats("cumulative").print_stats(15)
        return
    print(f"{'input':28} {'chars':>7} {'lines':>6} {'seconds':>8} {'us/char':>8}")
    for label, make, lang, rtl in (("English paragraph", lambda n: paragraph("en", n), "en", False),
                                   ("Arabic paragraph", lambda n: paragraph("ar", n), "ar", True),
                                   ("Chinese paragraph", lambda n: paragraph("zh", n), "zh", False),
                                   ("one word (no break)", word, "en", False)):
        for n in (2_000, 8_000, 32_000, 64_000) if "word" not in label else (100, 1_000, 5_000, 20_000):
            seconds, lines = run(make(n), lang, rtl)
            print(f"{label:28} {n:>7} {lines:>6} {seconds:>8.3f} {seconds / n * 1e6:>8.1f}")
    print(f"\n{'whole leaflet, one long answer':28} {'chars':>7} {'pages':>6} {'seconds':>8} {'us/char':>8}")
    for n in (2_000, 8_000, 32_000, 64_000):
        seconds, pages = fitting(n)
        print(f"{'typeset':28} {n:>7} {pages:>6} {seconds:>8.3f} {seconds / n * 1e6:>8.1f}")


if __name__ == "__main__":
    main()
