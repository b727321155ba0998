"""Where a line may break: the Unicode line breaking algorithm (UAX #14) as
ICU implements it (the engine browsers and office suites use), tailored the way
leaflets need it.

- Korean breaks at spaces only (between eojeol), as Korean typesetting does.
- Contact data (phone numbers, e-mail addresses) never breaks; a web address
  breaks only after a '/' (never inside '//').
- Words are never hyphenated.
"""
from __future__ import annotations

from functools import lru_cache

import icu


@lru_cache(maxsize=64)
def _iterator(language: str) -> icu.BreakIterator:
    return icu.BreakIterator.createLineInstance(icu.Locale(language.replace("-", "_")))


def _hangul_or_han(ch: str) -> bool:
    o = ord(ch)
    return 0xAC00 <= o <= 0xD7A3 or 0x1100 <= o <= 0x11FF or 0x3130 <= o <= 0x318F or 0x4E00 <= o <= 0x9FFF


@lru_cache(maxsize=4096)
def opportunities(text: str, language: str) -> frozenset[int]:
    """Offsets (0 < i < len) before which a line may break."""
    it = _iterator(language)
    it.setText(text)
    units = list(it)  # UTF-16 offsets
    if any(ord(c) > 0xFFFF for c in text):
        index, pos = {}, 0
        for i, ch in enumerate(text):
            index[pos] = i
            pos += 2 if ord(ch) > 0xFFFF else 1
        units = [index[u] for u in units if u in index]
    out = {i for i in units if 0 < i < len(text)}
    if language == "ko" or language.startswith("ko-"):
        out = {i for i in out if not (_hangul_or_han(text[i - 1]) or _hangul_or_han(text[i]))
               or text[i - 1].isspace()}
    return frozenset(out)


def data_opportunities(text: str, kind: str) -> set[int]:
    """Break offsets allowed inside a piece of contact data."""
    if kind != "url":
        return set()
    return {i + 1 for i, ch in enumerate(text[:-1])
            if ch == "/" and text[i + 1] != "/" and (i == 0 or text[i - 1] != "/")}
