"""Simple tables: a header row and 2-4 columns of wrapping text cells.

YAML: `table: {header: [...], rows: [[...], ...]}`; every row has as many
cells as the header. Cell ids are positions (h1, r2c1): a table is edited as
a whole, and a changed cell shows its old English to the translator.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from ..source import Node
from .base import Block, Maker, fields, items

MAX_COLUMNS = 4


@dataclass(frozen=True)
class Table:
    id: str
    header: tuple[Block, ...]
    rows: tuple[tuple[Block, ...], ...]
    line: int

    def blocks(self) -> tuple[Block, ...]:
        return self.header + tuple(c for row in self.rows for c in row)

    def map(self, fn) -> "Table":
        return replace(self, header=tuple(fn(c) for c in self.header),
                       rows=tuple(tuple(fn(c) for c in row) for row in self.rows))


def parse(node: Node, block_id: str, maker: Maker, context: str) -> Table:
    m = fields(node, ("id", "table"))
    t = fields(m["table"], ("header", "rows"))
    heads = items(t["header"], "column headings")
    if not 2 <= len(heads) <= MAX_COLUMNS:
        raise t["header"].error(f"a table has 2 to {MAX_COLUMNS} columns (readable on A5), got {len(heads)}")
    header = tuple(maker.make(h, f"{block_id}.h{n}", f"Column heading {n} of a table, {context}; short")
                   for n, h in enumerate(heads, 1))
    rows = []
    for r, row in enumerate(items(t["rows"], "rows"), 1):
        cells = items(row, "cells")
        if len(cells) != len(heads):
            raise row.error(f"row {r} has {len(cells)} cells; the header has {len(heads)}")
        rows.append(tuple(maker.make(c, f"{block_id}.r{r}c{n}",
                                     f"A table cell (column: {heads[n - 1].value}), {context}")
                          for n, c in enumerate(cells, 1)))
    return Table(block_id, header, tuple(rows), node.line)
