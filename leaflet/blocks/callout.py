"""Callouts: a boxed passage (important, safety, tip) with an optional title.

YAML: `callout: safety`, optional `title:`, and `text:` (a paragraph, or a
list of paragraphs).
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from ..source import Node
from .base import Block, Maker, fields, items

KINDS = ("important", "safety", "tip")


@dataclass(frozen=True)
class Callout:
    id: str
    kind: str
    title: Block | None
    paragraphs: tuple[Block, ...]
    line: int

    def blocks(self) -> tuple[Block, ...]:
        return ((self.title,) if self.title else ()) + self.paragraphs

    def map(self, fn) -> "Callout":
        return replace(self, title=fn(self.title) if self.title else None,
                       paragraphs=tuple(fn(p) for p in self.paragraphs))


def parse(node: Node, block_id: str, maker: Maker, context: str) -> Callout:
    m = fields(node, ("id", "callout", "text"), ("title",))
    kind = m["callout"].value
    if kind not in KINDS:
        raise m["callout"].error(f"'{kind}' is not a kind of callout (kinds: {', '.join(KINDS)})")
    title = None
    if "title" in m:
        title = maker.make(m["title"], f"{block_id}.title", f"Title of a boxed '{kind}' note, {context}; short")
    note = f"Text of a boxed '{kind}' note, {context}"
    if isinstance(m["text"].value, list):
        paras = tuple(maker.make(p, f"{block_id}.{n}", note) for n, p in enumerate(items(m["text"], "paragraphs"), 1))
    else:
        paras = (maker.make(m["text"], block_id, note),)
    return Callout(block_id, kind, title, paras, node.line)
