"""Bidirectional text (UAX #9): embedding levels from the Rust `unicode-bidi`
crate (through python-bidi), and the per-line reordering rules L1-L2.

python-bidi only exposes the resolved levels through its debug output, so we
read them from there; `levels` checks the count and fails loudly if the format
ever changes (python-bidi is pinned to 0.6.x in pyproject.toml).
"""
from __future__ import annotations

import re
from functools import lru_cache

from bidi import get_display

LRI, PDI = "\u2066", "\u2069"
_LEVELS = re.compile(r"levels: \[(.*?)\n    \]", re.S)
_LEVEL = re.compile(r"Level\(\s*(\d+),?\s*\)")


@lru_cache(maxsize=4096)
def levels(text: str, rtl: bool) -> tuple[int, ...]:
    """Resolved embedding level of each character of one paragraph."""
    if not text:
        return ()
    if rtl is False and text.isascii():
        return (0,) * len(text)  # nothing to resolve: all left to right
    debug = get_display(text, base_dir="R" if rtl else "L", debug=True)
    block = _LEVELS.search(debug)
    per_byte = [int(v) for v in _LEVEL.findall(block.group(1))] if block else []
    encoded = text.encode("utf-8")
    if len(per_byte) != len(encoded):
        raise RuntimeError("python-bidi returned levels in an unexpected form; check its version")
    out, offset = [], 0
    for ch in text:
        out.append(per_byte[offset])
        offset += len(ch.encode("utf-8"))
    return tuple(out)


def isolated_levels(parts: list[tuple[str, bool]], rtl: bool) -> list[int]:
    """Levels for text given as (piece, isolate) parts; isolated pieces (phone
    numbers, e-mails, web addresses) are wrapped in LRI...PDI so they read left
    to right as a unit and do not reorder their neighbours."""
    text = "".join(f"{LRI}{p}{PDI}" if iso else p for p, iso in parts)
    lv = levels(text, rtl)
    out, i = [], 0
    for piece, iso in parts:
        if iso:
            i += 1  # skip LRI
        out.extend(lv[i:i + len(piece)])
        i += len(piece) + (1 if iso else 0)
    return out


def visual_order(item_levels: list[int]) -> list[int]:
    """Rule L2: indexes of a line's items (each of one level) in visual order.
    Trailing whitespace (L1) is dropped by the caller before this is called."""
    order = list(range(len(item_levels)))
    if not item_levels:
        return order
    highest = max(item_levels)
    lowest_odd = min((lv for lv in item_levels if lv % 2), default=highest + 1)
    for level in range(highest, lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if item_levels[order[i]] >= level:
                j = i
                while j < len(order) and item_levels[order[j]] >= level:
                    j += 1
                order[i:j] = reversed(order[i:j])
                i = j
            else:
                i += 1
    return order
