"""Figures: a PNG, JPEG or SVG image with alternative text, or marked decorative.

YAML: `figure: path` (relative to the content file), `alt:` (what it shows,
read by screen readers) or `decorative: true`, optional `caption:` and
`width_mm:` (default: the column's width, never wider).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from .. import images
from ..source import Node
from .base import Block, Maker, describe, fields, text

FORMATS = (".png", ".jpg", ".jpeg", ".svg")


@dataclass(frozen=True)
class Figure:
    id: str
    path: str
    alt: Block | None  # None: decorative, an artifact
    caption: Block | None
    width_mm: float | None
    line: int

    def blocks(self) -> tuple[Block, ...]:
        return tuple(b for b in (self.alt, self.caption) if b)

    def map(self, fn) -> "Figure":
        return replace(self, alt=fn(self.alt) if self.alt else None, caption=fn(self.caption) if self.caption else None)


def parse(node: Node, block_id: str, maker: Maker, context: str) -> Figure:
    m = fields(node, ("id", "figure"), ("alt", "decorative", "caption", "width_mm"))
    if Path(text(m["figure"])).suffix.lower() not in FORMATS:
        raise m["figure"].error(f"'{m['figure'].value}' is not a PNG, JPEG or SVG file")
    # inside the project, and a raster's size read from its header before anything decodes it
    path = Path(images.logo(m["figure"], Path(node.file).parent, vector=(".svg",), what="an image"))
    if path.suffix.lower() == ".svg":
        _check_svg(m["figure"], path)
    decorative = m.get("decorative")
    if decorative is not None and not isinstance(decorative.value, bool):
        raise decorative.error(f"must be true or false, got {describe(decorative)}")
    if decorative is not None and decorative.value:
        if "alt" in m:
            raise m["alt"].error("a decorative image has no alternative text: remove `alt` or `decorative`")
        alt = None
    elif "alt" not in m:
        raise node.error("a figure needs `alt:` (what it shows, read aloud by screen readers), "
                         "or `decorative: true` if it shows nothing a reader needs")
    else:
        alt = maker.make(m["alt"], f"{block_id}.alt", f"Alternative text for an image, {context}. Read aloud "
                         "by screen readers: say what the image shows.")
    caption = maker.make(m["caption"], f"{block_id}.caption", f"Caption under an image, {context}") \
        if "caption" in m else None
    width = None
    if "width_mm" in m:
        w = m["width_mm"]
        if isinstance(w.value, bool) or not isinstance(w.value, (int, float)) or not 10 <= w.value <= 300:
            raise w.error(f"must be a width in millimetres from 10 to 300, got {describe(w)}")
        width = float(w.value)
    return Figure(block_id, str(path), alt, caption, width, node.line)


def _check_svg(node: Node, path: Path) -> None:
    """SVG text would be set without shaping or embedding: outlines only; and svglib must read it."""
    from svglib.svglib import svg2rlg

    data = path.read_text(encoding="utf-8", errors="replace")
    if "<text" in data:
        raise node.error(f"'{node.value}' contains text: convert its text to outlines (paths) in the drawing "
                         "program, and put the words in `alt` or `caption`")
    try:
        ok = svg2rlg(str(path)) is not None
    except Exception:  # svglib raises many kinds on a broken file
        ok = False
    if not ok:
        raise node.error(f"'{node.value}' is not an SVG image that can be read")
