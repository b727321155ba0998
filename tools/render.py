"""Render PDF pages to PNG for looking at them (developer tool, not used by builds).

    python tools/render.py FILE.pdf OUT_PREFIX [--scale 1.5] [--spread 2,3]
"""
import argparse

import pypdfium2 as pdfium
from PIL import Image


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("pdf")
    p.add_argument("prefix")
    p.add_argument("--scale", type=float, default=1.5)
    p.add_argument("--spread", help="two page numbers to put side by side, e.g. 2,3")
    a = p.parse_args()
    doc = pdfium.PdfDocument(a.pdf)
    images = [page.render(scale=a.scale).to_pil() for page in doc]
    if a.spread:
        left, right = (images[int(n) - 1] for n in a.spread.split(","))
        out = Image.new("RGB", (left.width + right.width, max(left.height, right.height)), "white")
        out.paste(left, (0, 0))
        out.paste(right, (left.width, 0))
        out.save(f"{a.prefix}.png")
        return
    for i, image in enumerate(images, 1):
        image.save(f"{a.prefix}-{i}.png")


if __name__ == "__main__":
    main()
