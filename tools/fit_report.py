"""Pages, body size and how full each page is, for every screen PDF of a build.

    python tools/fit_report.py BUILD_DIR [--layout NAME|YAML] [--lang en --lang ur]
                               [--png DIR] [--dpi 80] [--json FILE]

Fullness is measured on rendered pixels: the share of the text frame's height
(the layout's margins) between its top and the lowest inked row above the
footer. `gap` is the tallest run of blank rows inside the frame above that
lowest row, as a share of the frame: on a back page it is the white between
the last question and the contact panel. Front pages are skipped (the cover
is a designed panel) unless the layout puts the questions on it (a4-sheet);
a layout with columns is measured column by column ("0.95|0.88"). Text
positions (pdfium's character boxes) are checked too: a glyph off the page, or outside the frame's top and sides, is
reported; so is a footer whose ink reaches up into the frame (the page is
then measured down to the footer's top), and a glyph within 5 mm of a print sheet's edge, which office
printers leave blank.

The layout of each file is read from its name (`<leaflet>.<lang>.<layout>.screen.pdf`)
unless --layout is given (a name in layouts/ or a YAML file, e.g. an older
commit's layout).
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from leaflet import layout as layout_module  # noqa: E402

MM = 72 / 25.4
SCALE = 2.0  # render scale for measuring (144 dpi)
INK = 200  # a grey darker than this is ink
EDGE = 5 * MM  # office printers leave this much of the sheet's edge blank


@dataclass(frozen=True)
class Page:
    fill: tuple[float, ...]  # per column: share of the frame's height down to the lowest ink
    gap: tuple[float, ...]  # per column: tallest blank run inside the filled part, as a share of the frame
    outside: int  # glyphs outside the frame (footer excepted)
    off_page: int  # glyphs off the page
    footer_intrusion: float = 0.0  # points the footer's ink reaches above the bottom margin


def layout_of(file: str, given: str | None):
    if given:
        return layout_module.load(given)
    parts = Path(file).name.split(".")
    # <leaflet>.<lang>[.<layout>].<format>.pdf
    name = parts[-3] if len(parts) >= 5 else layout_module.DEFAULT_LAYOUT
    return layout_module.load(name)


def _ink_rows(image, top: int, bottom: int, x0: int = 0, x1: int | None = None) -> list[bool]:
    """For each row from top to bottom: has it any ink between x0 and x1? (every other pixel)"""
    x1 = image.size[0] if x1 is None else x1
    px = image.load()
    return [any(px[x, y] < INK for x in range(x0, x1, 2)) for y in range(top, bottom)]


def _columns(layout, width: float) -> list[tuple[int, int]]:
    """The x ranges (image pixels) measured apart: the whole page, or each of a layout's columns
    (centred in the page: the column layouts have even side margins)."""
    count = getattr(layout, "columns", 1)
    if count < 2:
        return [(0, int(width * SCALE))]
    left = (width - count * layout.column_width - (count - 1) * layout.gutter) / 2
    step = layout.column_width + layout.gutter
    return [(int((left + i * step) * SCALE), int((left + i * step + layout.column_width) * SCALE)) for i in range(count)]


def _glyphs(page) -> list[tuple[float, float, float, float]]:
    text = page.get_textpage()
    boxes = []
    for i in range(text.count_chars()):
        box = text.get_charbox(i)
        if text.get_text_range(i, 1).isspace():  # a space's box may hang past the line's end
            continue
        if box[2] - box[0] > 0.01 and box[3] - box[1] > 0.01:
            boxes.append(box)
    return boxes


def _footer_top(image, margin_bottom: float) -> int:
    """The image row where the footer's ink starts: from the page's foot up to the first blank
    run of 2 pt above ink that starts in the bottom margin. A tall script's footer at a
    large-print size reaches up into the frame, past its own glyph boxes."""
    h = image.size[1]
    rows = _ink_rows(image, 0, h)
    y = h - 1
    while y > 0 and not rows[y]:
        y -= 1
    if y < h - margin_bottom * SCALE:  # no ink in the bottom margin: no footer
        return h
    blank = 0
    while y > 0 and blank < 2 * SCALE:
        blank = blank + 1 if not rows[y] else 0
        y -= 1
    return y + blank + 1


def measure_page(page, layout) -> Page:
    w, h = page.get_size()
    img = page.render(scale=SCALE).to_pil().convert("L")
    top = int(layout.margin_top * SCALE)
    frame = int((layout.height - layout.margin_bottom) * SCALE) - top
    footer = _footer_top(img, layout.margin_bottom)
    bottom = min(top + frame, footer)  # a footer reaching up is not text
    fills, gaps = [], []
    for x0, x1 in _columns(layout, w):
        rows = _ink_rows(img, top, bottom, x0, x1)
        inked = [i for i, r in enumerate(rows) if r]
        if not inked:
            fills.append(0.0), gaps.append(1.0)
            continue
        gap = run = 0
        for r in rows[: inked[-1] + 1]:
            run = 0 if r else run + 1
            gap = max(gap, run)
        fills.append(round((inked[-1] + 1) / frame, 2)), gaps.append(round(gap / frame, 2))
    x0 = min(layout.margin_inside, layout.margin_outside) - 2  # a J or an f may overhang a little
    outside = off = 0
    for left, b, right, t in _glyphs(page):
        if left < -1 or b < -1 or right > w + 1 or t > h + 1:
            off += 1
        elif left < x0 or right > w - x0 or t > h - layout.margin_top + 1:
            outside += 1
    intrusion = round(max(0.0, (top + frame - footer) / SCALE), 1)
    return Page(tuple(fills), tuple(gaps), outside, off, intrusion)


def near_edge(pdf: Path) -> list[tuple[int, int]]:
    """(sheet side, glyphs within 5 mm of its edge) for a print PDF."""
    out = []
    doc = pdfium.PdfDocument(str(pdf))
    for i in range(len(doc)):
        w, h = doc[i].get_size()
        n = sum(1 for l, b, r, t in _glyphs(doc[i]) if l < EDGE or b < EDGE or r > w - EDGE or t > h - EDGE)
        if n:
            out.append((i + 1, n))
    return out


def save_pngs(pdf: Path, out: Path, dpi: float) -> None:
    out.mkdir(parents=True, exist_ok=True)
    doc = pdfium.PdfDocument(str(pdf))
    stem = pdf.name[: -len(".pdf")]
    for i in range(len(doc)):
        doc[i].render(scale=dpi / 72).to_pil().save(out / f"{stem}-{i + 1}.png")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("build")
    p.add_argument("--layout", help="a layout name or YAML for every file (default: from each file's name)")
    p.add_argument("--lang", action="append", help="only editions whose first language (in the file name) is this (repeatable)")
    p.add_argument("--png", type=Path, help="also render every page (screen and print) of the chosen editions here")
    p.add_argument("--dpi", type=float, default=80)
    p.add_argument("--json", type=Path, help="write the figures as JSON too")
    a = p.parse_args(argv)
    build = Path(a.build)
    manifest = json.loads((build / "manifest.json").read_text())
    rows = []
    print(f"{'file':56} pages  body  fullness of pages 2..n (or p1..n), col|col, (gap)")
    for f in sorted(manifest["files"], key=lambda f: f["file"]):
        if a.lang and Path(f["file"]).name.split(".")[1].split("+")[0] not in a.lang:
            continue
        path = build / f["file"]
        if f.get("format") == "print":
            edge = near_edge(path)
            if a.png:
                save_pngs(path, a.png, a.dpi)
            if edge:
                print(f"{f['file']}: glyphs within 5 mm of the sheet edge on sides {edge}")
            rows.append({"file": f["file"], "near_edge": edge})
            continue
        if f.get("format") != "screen":
            continue
        layout = layout_of(f["file"], a.layout)
        doc = pdfium.PdfDocument(str(path))
        # the front page is a designed panel, unless the questions start on it (a4-sheet)
        first = 0 if getattr(layout, "front_place", "first") != "first" else 1
        pages = [measure_page(doc[i], layout) for i in range(first, len(doc))]
        front_off = measure_page(doc[0], layout).off_page if first else 0
        if a.png:
            save_pngs(path, a.png, a.dpi)
        cells = ("p1: " if first == 0 else "") + " ".join(
            "|".join(f"{f:.2f}" + (f"({g:.2f})" if g >= 0.1 else "") for f, g in zip(pg.fill, pg.gap))
            for pg in pages)
        n = first + 1  # the first measured page's number
        flags = [f"p{i + n}: {pg.outside} outside frame" for i, pg in enumerate(pages) if pg.outside]
        flags += [f"p{i + n}: {pg.off_page} off page" for i, pg in enumerate(pages) if pg.off_page]
        flags += [f"p{i + n}: footer {pg.footer_intrusion} pt into the frame" for i, pg in enumerate(pages)
                  if pg.footer_intrusion > 1]
        if front_off:
            flags.append(f"p1: {front_off} off page")
        # the body size, and a script's own size where its optical scale makes it differ (fa 10.25/11.28)
        scaled = sorted({v for v in f.get("script_sizes", {}).values() if v != f.get("body_size")})
        body = "/".join(f"{x:g}" for x in [f.get("body_size", 0), *scaled])
        print(f"{Path(f['file']).name:56} {f['pages']:5} {body:>5} {cells}"
              + (f"  !! {'; '.join(flags)}" if flags else ""))
        rows.append({"file": f["file"], "languages": f["languages"], "pages": f["pages"],
                     "body_size": f.get("body_size"), "script_sizes": f.get("script_sizes", {}), "first_page": n,
                     "fill": [list(pg.fill) for pg in pages], "gap": [list(pg.gap) for pg in pages], "flags": flags})
    if a.json:
        a.json.write_text(json.dumps(rows, indent=1, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
