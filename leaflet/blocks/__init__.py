"""Block types: what may stand wherever text goes (answers, front, back).

A body is a tuple of blocks, each a paragraph (a `Block`), `List`, `Callout`,
`Table`, `Figure` or `QR`. Each type's module parses and validates its YAML
and says which translatable Blocks it holds (`blocks()`) and how to make it
with other text (`map(fn)`, used by translation). Typesetting is elsewhere
(leaflet.typeset.blocks): content never imports it.
"""
from __future__ import annotations

from ..errors import LeafletError
from ..source import Node
from . import callout, figure, lists, paragraph, qr, table
from .base import Block, Maker, collect, fields, ident, items, raise_all
from .callout import Callout
from .figure import Figure
from .lists import List
from .qr import QR
from .table import Table

# The key that says which type an item is, and the module that reads it.
TYPES = {"text": paragraph, "list": lists, "numbered": lists, "callout": callout, "table": table,
         "figure": figure, "qr": qr}
Body = tuple  # of Block | List | Callout | Table | Figure | QR


def parse_body(node: Node, prefix: str, maker: Maker, context: str, single_id: str | None = None,
               single_note: str | None = None) -> Body:
    """A list of block items; or plain text, one paragraph with id `single_id`.
    `context` ends translators' notes: "answering: <question>", "on the back page"."""
    if isinstance(node.value, str) and single_id:
        return (maker.make(node, single_id, single_note or f"A paragraph {context}"),)
    out, errors, seen = [], [], {}
    for child in items(node, "blocks (paragraphs, lists, callouts, tables, figures, QR codes)"):
        try:
            out.append(parse_item(child, prefix, maker, context, seen))
        except LeafletError as exc:
            collect(errors, exc)
    raise_all(errors)
    return tuple(out)


def parse_item(node: Node, prefix: str, maker: Maker, context: str, seen: dict | None = None):
    if not isinstance(node.value, dict):
        raise node.error("each block is a mapping with an `id` and one of: " + ", ".join(TYPES)
                         + " (e.g. `- id: intro` then `  text: ...` on the next line)")
    # `text` is a paragraph's, unless another type's key says what it is (a callout has text too)
    kinds = [k for k in TYPES if k in node.value and k != "text"] or [k for k in ("text",) if k in node.value]
    if not kinds:
        fields(node, ("id",), tuple(TYPES))  # names the allowed keys, or the missing id
        raise node.error("a block needs one of: " + ", ".join(TYPES))
    if len(kinds) > 1 and set(kinds) != {"list", "numbered"}:
        raise node.value[kinds[1]].error(f"a block is one thing: `{kinds[0]}` or `{kinds[1]}`, not both "
                                         "(start another block with `- id: ...`)")
    if "text" in node.value and kinds[0] not in ("text", "callout"):
        raise node.value["text"].error(f"a block is one thing: `text` or `{kinds[0]}`, not both "
                                       "(start another block with `- id: ...`)")
    if "id" not in node.value:
        raise node.error(f"missing required key 'id' (a name for this {kinds[0]} block, e.g. id: step-one)")
    block_id = ident(node.value["id"])
    if seen is not None:
        if block_id in seen:
            raise node.value["id"].error(f"duplicate id '{block_id}' (first on line {seen[block_id]})")
        seen[block_id] = node.line
    return TYPES[kinds[0]].parse(node, f"{prefix}.{block_id}", maker, context)


def body_blocks(body: Body) -> tuple[Block, ...]:
    return tuple(b for item in body for b in ((item,) if isinstance(item, Block) else item.blocks()))


def map_body(body: Body, fn) -> Body:
    return tuple(fn(item) if isinstance(item, Block) else item.map(fn) for item in body)


__all__ = ["Block", "Body", "Callout", "Figure", "List", "Maker", "QR", "Table", "body_blocks", "map_body",
           "parse_body", "parse_item", "fields", "ident", "items"]
