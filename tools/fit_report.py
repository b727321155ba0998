"""Pages, body size and how full each page is, for every screen PDF of a build.

    python tools/fit_report.py BUILD_DIR

Fullness is measured on rendered pixels: the share of the text frame's height
(the layout's margins) between its top and the lowest inked row above the
footer. Front pages are skipped (the cover is a designed panel).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pypdfium2 as pdfium

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from leaflet import layout as layout_module


def fullness(pdf: Path, layout) -> list[float]:
    doc = pdfium.PdfDocument(str(pdf))
    out = []
    for i in range(1, len(doc)):
        page = doc[i]
        scale = 2.0
        img = page.render(scale=scale).to_pil().convert("L")
        w, h = img.size
        top = int(layout.margin_top * scale)
        bottom = int((layout.height - layout.margin_bottom) * scale)
        px = img.load()
        lowest = top
        for y in range(bottom, top, -1):
            if any(px[x, y] < 200 for x in range(0, w, 2)):
                lowest = y
                break
        out.append(round((lowest - top) / (bottom - top), 2))
    return out


def main(build: str, name: str = "a5-fold") -> None:
    layout = layout_module.load(name)
    manifest = json.loads((Path(build) / "manifest.json").read_text())
    print(f"{'edition':24} pages  body  fullness of pages 2..n")
    for f in sorted(manifest["files"], key=lambda f: f["file"]):
        if f.get("format") != "screen":
            continue
        path = Path(build) / f["file"]
        full = fullness(path, layout)
        lang = "+".join(f["languages"])
        print(f"{lang:24} {f['pages']:5} {f['body_size']:5} " + " ".join(f"{x:.2f}" for x in full))


if __name__ == "__main__":
    main(*sys.argv[1:])
