"""The gate for translations that come back from outside: each entry is checked
against the current English, and a failing entry is reported and never printed.

A translation must keep exactly the source's inline markup (same bold,
emphasis and links, in order) and placeholders; it may not add a web address,
e-mail address or phone number; it may contain no control or bidi override
characters (U+202E can visually reverse a phone number); it has a size cap.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .. import markup
from ..labels import placeholder_problem
from .pofile import Entry

PLACEHOLDER = re.compile(r"\{[^{}]*\}")
TAG = re.compile(r"</?[A-Za-z][^<>]*>")
# Joiners shape Arabic, Persian and Indic text correctly; everything else in Cf/Cc is refused.
ALLOWED_FORMAT = {"\u200c", "\u200d"}


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    context: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        ctx = f" [{self.context}]" if self.context else ""
        return f"{where}:{ctx} {self.message}"


def check_entry(entry: Entry, english: str, file: str) -> list[str]:
    """What is wrong with a translation of `english` (empty list: fine)."""
    text = entry.msgstr
    problems = []
    bad = sorted({c for c in text if _forbidden(c)})
    if bad:
        problems.append("contains control characters: " + ", ".join(
            f"U+{ord(c):04X} {unicodedata.name(c, 'control')}" for c in bad))
    if len(text) > max(4 * len(english), len(english) + 120):
        problems.append(f"is {len(text)} characters long against {len(english)} in English (too long to be right)")
    try:
        ours = markup.parse(text)
    except markup.MarkupError as exc:
        return problems + [f"has broken markup: {exc}"]
    theirs = markup.parse(english)
    if markup.structure(ours) != markup.structure(theirs):
        problems.append(f"markup differs from the English: expected {_describe(theirs)}, got {_describe(ours)}")
    if PLACEHOLDER.search(english) and (bad := placeholder_problem(english, text)):  # labels are format()ted
        problems.append(bad)
    elif sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(english)):
        problems.append(f"placeholders differ from the English: expected {PLACEHOLDER.findall(english)}, "
                        f"got {PLACEHOLDER.findall(text)}")
    tags = [t for t in TAG.findall(text) if t not in english]
    if tags:
        problems.append(f"contains tags the English does not have: {', '.join(tags)}")
    added = [s.text for s in ours if s.is_data and s.text not in english]
    if added:
        problems.append(f"adds contact data not in the English: {', '.join(added)}")
    return problems


def _forbidden(c: str) -> bool:
    cat = unicodedata.category(c)
    return (cat in ("Cc", "Cf", "Co", "Cs") and c not in ALLOWED_FORMAT) or c in "\u2028\u2029"


def _describe(spans) -> str:
    parts = [" ".join(s) for s in markup.structure(spans)]
    return "(" + ", ".join(parts) + ")" if parts else "no markup"
