"""Benchmark: CPU time (process_time) of the press stage alone for one edition
per language: pages typeset with the bleed -> PDF/X-4 (recolour, marks, boxes,
output intent), and the press checker reading the file back. Median of N runs.

    python tools/bench_press.py [--runs 5] [LANG ...]
"""
import argparse
import statistics
import time

from leaflet import build, content, layout
from leaflet.press import check, editions, pdfx
from leaflet.typeset import typeset


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("languages", nargs="*")
    p.add_argument("--runs", type=int, default=5)
    a = p.parse_args()
    leaflet = content.load("content/serious-case-reviews.yaml")
    L = layout.load(leaflet.layout)
    eds, _ = build.editions_of(leaflet, a.languages or None)
    print(f"{'edition':10} {'pages':>5} {'pdfx ms':>8} {'check ms':>9} {'KB':>6}")
    for edition in eds:
        pages = typeset(edition, editions.bled(L))
        made, checked = [], []
        for _ in range(a.runs):
            t = time.process_time()
            data = pdfx.press(pages.pdf, L)
            made.append((time.process_time() - t) * 1000)
            t = time.process_time()
            assert check.check(data) == []
            checked.append((time.process_time() - t) * 1000)
        print(f"{edition.code:10} {pages.pages:>5} {statistics.median(made):>8.0f} {statistics.median(checked):>9.0f} "
              f"{len(data) // 1024:>6}")


if __name__ == "__main__":
    main()
