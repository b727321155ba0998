"""QR codes made from a web address, with the address printed beside them.

YAML: `qr: https://...`, optional `caption:` (set above the address) and
`size_mm:` (20 mm at least, so that every phone camera reads it).
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from ..source import Node
from .base import Block, Maker, describe, fields
from .web import display_url, web

MIN_MM = 20.0


@dataclass(frozen=True)
class QR:
    id: str
    url: str
    caption: Block | None
    size_mm: float
    line: int

    @property
    def label(self) -> str:
        return display_url(self.url)

    def blocks(self) -> tuple[Block, ...]:
        return (self.caption,) if self.caption else ()

    def map(self, fn) -> "QR":
        return replace(self, caption=fn(self.caption) if self.caption else None)


def parse(node: Node, block_id: str, maker: Maker, context: str) -> QR:
    m = fields(node, ("id", "qr"), ("caption", "size_mm"))
    url = web(m["qr"])
    size = 24.0
    if "size_mm" in m:
        s = m["size_mm"]
        if isinstance(s.value, bool) or not isinstance(s.value, (int, float)) or not MIN_MM <= s.value <= 60:
            raise s.error(f"must be {MIN_MM:g} to 60 (millimetres; smaller codes do not scan), got {describe(s)}")
        size = float(s.value)
    caption = maker.make(m["caption"], f"{block_id}.caption", f"Words beside a QR code, {context}. For example "
                         "'Scan to read more'; the web address is printed under them.") if "caption" in m else None
    return QR(block_id, url, caption, size, node.line)
