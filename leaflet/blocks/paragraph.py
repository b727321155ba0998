"""Paragraphs: `{id, text}`. A paragraph is a `Block` itself (the seed's shape)."""
from __future__ import annotations

from ..source import Node
from .base import Block, Maker, fields


def parse(node: Node, block_id: str, maker: Maker, context: str) -> Block:
    m = fields(node, ("id", "text"), ("note",))  # note: for translators and reviewers
    extra = f" {' '.join(m['note'].text().split())}" if "note" in m else ""
    return maker.make(m["text"], block_id, f"A paragraph {context}{extra}", id_node=m["id"])
