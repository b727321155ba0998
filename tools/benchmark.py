"""Benchmark: CPU time (process_time: steadier than wall time on a shared machine) to typeset one edition, after start-up (imports and font
loading done), with the text engine's caches cleared so that every word is
shaped again. Prints the median and spread of N runs per edition.

    python tools/benchmark.py [--runs 7] [LANG ...]
"""
import argparse
import statistics
import time

from leaflet import build, content, layout
from leaflet.impose import impose
from leaflet.text import bidi, breaking, itemize, lines, shaping
from leaflet.typeset import typeset

CACHES = (lines.prepare, shaping._shape, itemize._pick, itemize._script, itemize._extensions, breaking.opportunities,
          bidi.levels)


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("languages", nargs="*")
    p.add_argument("--runs", type=int, default=7)
    a = p.parse_args()
    leaflet = content.load("content/serious-case-reviews.yaml")
    L = layout.load(leaflet.layout)
    editions, _ = build.editions_of(leaflet, a.languages or None)
    print(f"{'edition':10} {'pages':>5} {'typeset ms (median, min-max)':>30} {'impose ms':>10}")
    for edition in editions:
        result = typeset(edition, L)  # loads this edition's fonts
        times, imposing = [], []
        for _ in range(a.runs):
            for cache in CACHES:
                cache.cache_clear()
            t = time.process_time()
            result = typeset(edition, L)
            times.append((time.process_time() - t) * 1000)
            t = time.process_time()
            impose(result.pdf, "#A0A0A0", 17, 0.3)
            imposing.append((time.process_time() - t) * 1000)
        print(f"{edition.code:10} {result.pages:>5} {statistics.median(times):>14.0f} "
              f"({min(times):.0f}-{max(times):.0f}) {statistics.median(imposing):>14.0f}")


if __name__ == "__main__":
    main()
