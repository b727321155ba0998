"""The gate for translations that come back from outside: each entry is checked
against the current English, and a failing entry is reported and never printed.

A translation must keep exactly the source's inline markup (same bold,
emphasis and links, in order) and placeholders; it may not add a web address,
e-mail address or phone number, however disguised (`hostile`: found after
normalising, in running text and in link text alike); it may contain no
control or bidi override characters (U+202E can visually reverse a phone
number), and joiners only inside words of scripts that spell with them; it has
a size cap. Bracketed text the English does not have is a warning for the
reviewer, not a rejection (glosses such as "(wytyczne rządowe)" can be right).
"""
from __future__ import annotations

import re
import string
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .. import markup
from . import hostile
from ..labels import placeholder_problem
from .pofile import Entry

PLACEHOLDER = re.compile(r"\{[^{}]*\}")
TAG = re.compile(r"</?[A-Za-z][^<>]*>")
BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|【[^【】]*】|〔[^〔〕]*〕|﴾[^﴾﴿]*﴿")


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    context: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        ctx = f" [{self.context}]" if self.context else ""
        return visible(f"{where}:{ctx} {self.message}")


def visible(text: str) -> str:
    """Control and format characters shown escaped: a catalog's bytes never reach the terminal raw."""
    return "".join(f"\\u{ord(c):04x}" if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c
                   for c in text)


def check_entry(entry: Entry, english: str, file: str) -> list[str]:
    """What is wrong with a translation of `english` (empty list: fine)."""
    text = entry.msgstr
    problems = []
    bad = sorted(c for c in set(text) if _forbidden(c))
    if bad:
        problems.append("contains control characters: " + ", ".join(
            f"U+{ord(c):04X} {unicodedata.name(c, 'control')}" for c in bad))
    joiners = hostile.misplaced_joiners(text)
    if joiners:
        problems.append(f"has a joiner (ZWNJ/ZWJ) outside a word of a script that uses it, at character "
                        f"{', '.join(str(i + 1) for i in joiners)}")
    if PLACEHOLDER.search(english):
        try:
            list(string.Formatter().parse(text))
        except ValueError:
            problems.append("has a stray { or } (placeholders are written {name})")
    if len(text) > max(4 * len(english), len(english) + 120):
        problems.append(f"is {len(text)} characters long against {len(english)} in English (too long to be right)")
    try:
        ours = markup.parse(text)
    except markup.MarkupError as exc:
        return problems + [f"has broken markup: {exc}"]
    theirs = _english(english)
    if markup.structure(ours) != markup.structure(theirs):
        problems.append(f"markup differs from the English: expected {_describe(theirs)}, got {_describe(ours)}")
    formatted = [p for p in PLACEHOLDER.findall(english) if not markup.REF.fullmatch(p)]  # not {contact.field}
    if formatted and (bad := placeholder_problem(english, text)):  # labels are format()ted
        problems.append(bad)
    elif sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(english)):
        problems.append(f"placeholders differ from the English: expected {PLACEHOLDER.findall(english)}, "
                        f"got {PLACEHOLDER.findall(text)}")
    tags = [t for t in TAG.findall(text) if t not in english]
    if tags:
        problems.append(f"contains tags the English does not have: {', '.join(tags)}")
    added = hostile.added_contact_data(markup.plain(ours), english)
    if added:
        problems.append(f"adds contact data not in the English: {', '.join(added)}")
    return problems


def warnings_for(entry: Entry, english: str) -> list[str]:
    """What a reviewer should look at, though it is not rejected."""
    try:
        ours, theirs = markup.plain(markup.parse(entry.msgstr)), markup.plain(markup.parse(english))
    except markup.MarkupError:
        return []
    added = BRACKETS.findall(hostile.normalise(ours))
    if len(added) > len(BRACKETS.findall(hostile.normalise(theirs))):
        return [f"adds bracketed text the English does not have (check it with the translator): {', '.join(added)}"]
    return []


@lru_cache(maxsize=4096)
def _english(english: str) -> tuple:
    """The English parsed once for every language's catalog (spans are immutable)."""
    return markup.parse(english)


def _forbidden(c: str) -> bool:
    cat = unicodedata.category(c)
    return (cat in ("Cc", "Cf", "Co", "Cs") and c not in hostile.JOINERS) or c in "\u2028\u2029"


def _describe(spans) -> str:
    parts = [" ".join(s) for s in markup.structure(spans)]
    return "(" + ", ".join(parts) + ")" if parts else "no markup"
