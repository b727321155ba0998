"""Bulleted and numbered lists: items with inline markup, one level of nesting.

YAML: `list:` (bullets) or `numbered:`, a list of items; an item is text, or
`{text, id, items}` where `items` is a nested list of the same kind. Item ids
default to the item's number (an id keeps a translation if items are reordered).
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from ..source import Node
from .base import Block, Maker, fields, ident, items


@dataclass(frozen=True)
class Item:
    text: Block
    items: tuple["Item", ...] = ()  # the nested level (its items have none)


@dataclass(frozen=True)
class List:
    id: str
    numbered: bool
    items: tuple[Item, ...]
    line: int

    def blocks(self) -> tuple[Block, ...]:
        return tuple(b for item in self.items for b in (item.text, *(i.text for i in item.items)))

    def map(self, fn) -> "List":
        def one(item: Item) -> Item:
            return replace(item, text=fn(item.text), items=tuple(one(i) for i in item.items))
        return replace(self, items=tuple(one(i) for i in self.items))


KEYS = ("list", "numbered")


def parse(node: Node, block_id: str, maker: Maker, context: str) -> List:
    m = fields(node, ("id",), KEYS)
    if "list" in m and "numbered" in m:
        raise m["numbered"].error("a list is either `list:` (bullets) or `numbered:`, not both")
    key = "numbered" if "numbered" in m else "list"
    kind = "numbered list" if key == "numbered" else "bulleted list"
    note = f"An item of a {kind}, {context}"
    return List(block_id, key == "numbered", _items(m[key], block_id, maker, note, nested=True), node.line)


def _items(node: Node, prefix: str, maker: Maker, note: str, nested: bool) -> tuple[Item, ...]:
    out = []
    for n, child in enumerate(items(node, "list items"), 1):
        if isinstance(child.value, dict):
            allowed = ("id", "items") if nested else ("id",)
            m = fields(child, ("text",), allowed)
            item_id = f"{prefix}.{ident(m['id']) if 'id' in m else n}"
            block = maker.make(m["text"], item_id, note, m.get("id"))
            sub = ()
            if "items" in m:
                sub = _items(m["items"], item_id, maker, f"An item of a nested list (under: {block.text[:60]}).",
                             nested=False)
            out.append(Item(block, sub))
        elif isinstance(child.value, list):
            raise child.error("a nested list goes under an item: write the item as `- text: ...` "
                              "and put the nested items under its `items:`"
                              + ("" if nested else " (lists nest one level only)"))
        else:
            out.append(Item(maker.make(child, f"{prefix}.{n}", note)))
    return tuple(out)
