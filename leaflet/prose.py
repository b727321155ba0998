"""Rules for the English text of a block, beyond its markup (README: Writing a
leaflet). Translations are checked against the English by catalogs.checks;
these keep the English itself to what a leaflet can print, and bound the work
the text engine is given.
"""
from __future__ import annotations

import unicodedata

from . import markup

MAX_BLOCK = 2000  # characters; a leaflet paragraph is a few hundred
MAX_WORD = 100  # characters between spaces; the longest English words are ~30
# A whole leaflet's text: the 48 pages the layout may grow to hold ~120,000 characters
# of body text; the real leaflet has 5,000. Past this the build would only fail, slowly.
MAX_TEXT = 60_000
MAX_BLOCKS = 400  # headings and paragraphs; the real leaflet has 27
ALLOWED_FORMAT = {"\u00ad", "\u200c", "\u200d"}  # soft hyphen, ZWNJ, ZWJ


def problem(text: str, spans: tuple[markup.Span, ...]) -> str | None:
    """What is wrong with a block's English `text` (None: nothing)."""
    if len(text) > MAX_BLOCK:
        return f"is {len(text)} characters long; a block may have at most {MAX_BLOCK} (split it into paragraphs)"
    for ch in text:
        if unicodedata.category(ch) in ("Cc", "Cf", "Co", "Cs", "Zl", "Zp") and ch not in ALLOWED_FORMAT:
            return f"contains U+{ord(ch):04X} {unicodedata.name(ch, 'control character')}, which is not allowed"
    word = max(markup.plain(spans).split(), key=len, default="")
    if len(word) > MAX_WORD:
        return f"has a {len(word)}-character word ('{word[:20]}...'); a word may have at most {MAX_WORD}"
    for span in (s for s in spans if not s.is_data):  # data in prose is refused by content itself
        if span.href and span.href.startswith("http://"):
            return f"link '{span.href}' must start with https:// (http:// is not secure)"
    return None


def total_problem(total: int, blocks: int) -> str | None:
    """What is wrong with a leaflet whose `blocks` so far hold `total` characters."""
    if blocks > MAX_BLOCKS:
        return (f"the leaflet passes {MAX_BLOCKS} blocks (questions and paragraphs) here; a folded leaflet "
                "holds far fewer (split it into several leaflets)")
    if total > MAX_TEXT:
        return (f"the leaflet's text passes {MAX_TEXT:,} characters here; a folded leaflet holds far less "
                "(split it into several leaflets)")
    return None
