"""Writing .po files exactly as GNU msgcat (and so Poedit, which saves through
msgcat) writes them: strings wrapped at 79 columns at Unicode line-break
opportunities, a long string starting with an empty first line, a line per
embedded newline, `#~` obsolete entries last. A catalog that has been through
a translator's tool therefore comes back from `update` byte for byte.

The algorithm follows gettext's write-po.c `wrap()` and libunistring's
`u8_width_linebreaks`: escape first, find break opportunities in the escaped
text (never inside an escape, never before a final `\\n`), then break greedily
when a piece would pass the width. Column widths count East Asian wide
characters as 2 and combining marks as 0, as libunistring does.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

import icu

from .pofile import Entry

WIDTH = 79
# ICU's U_LB_* line break classes (PyICU does not name them): OP, QU, AL, HL; and the classes
# UAX #14 never breaks before (LB13 CL EX IS SY, CP, SP, ZW, WJ, BK CR LF NL).
_OP, _QU, _AL, _HL, _IS = 20, 23, 2, 38, 16
_NO_BREAK_BEFORE = {8, 36, 11, 16, 27, 26, 28, 30, 6, 10, 17, 29}
_ESCAPES = {"\a": "a", "\b": "b", "\f": "f", "\n": "n", "\r": "r", "\t": "t", "\v": "v", "\\": "\\", '"': '"'}


def quote(text: str) -> str:
    return '"' + "".join("\\" + _ESCAPES[c] if c in _ESCAPES else c for c in text) + '"'


def entry_lines(entry: Entry, width: int = WIDTH) -> list[str]:
    out = ["#" if not c else f"# {c}" for c in entry.comments]
    out += ["#." if not c else f"#. {c}" for c in entry.auto_comments]
    out += _references(entry.locations, width)
    flags = (["fuzzy"] if entry.fuzzy else []) + [f for f in entry.flags if f != "fuzzy"]
    if flags:
        out.append("#, " + ", ".join(flags))
    wrap = "no-wrap" not in entry.flags
    keyword, previous = ("#~ ", "#~| ") if entry.obsolete else ("", "#| ")
    if entry.previous_context is not None:
        out += wrapped(previous, "msgctxt", entry.previous_context, width, wrap)
    if entry.previous is not None:
        out += wrapped(previous, "msgid", entry.previous, width, wrap)
    if entry.previous_plural is not None:
        out += wrapped(previous, "msgid_plural", entry.previous_plural, width, wrap)
    if entry.context is not None:
        out += wrapped(keyword, "msgctxt", entry.context, width, wrap)
    out += wrapped(keyword, "msgid", entry.msgid, width, wrap)
    if entry.plural is not None:
        out += wrapped(keyword, "msgid_plural", entry.plural, width, wrap)
        for i, text in enumerate(entry.plural_strs):
            out += wrapped(keyword, f"msgstr[{i}]", text, width, wrap)
    else:
        out += wrapped(keyword, "msgstr", entry.msgstr, width, wrap)
    return out


def write(entries: list[Entry], width: int = WIDTH) -> bytes:
    """Entries (the header first, as an entry with msgid "") as UTF-8 .po bytes;
    obsolete entries go last, as msgcat puts them."""
    ordered = [e for e in entries if not e.obsolete] + [e for e in entries if e.obsolete]
    return ("\n".join("\n".join(entry_lines(e, width)) + "\n" for e in ordered)).encode("utf-8")


def _references(locations: tuple[str, ...], width: int) -> list[str]:
    if not locations:
        return []
    lines, line = [], "#:"
    for loc in locations:
        if len(line) > 2 and len(line) + len(loc) + 1 > width:
            lines.append(line)
            line = "#:"
        line += " " + loc
    return lines + [line]


def wrapped(prefix: str, name: str, value: str, width: int = WIDTH, wrap: bool = True) -> list[str]:
    """`name "value"` as msgcat writes it, each line starting with `prefix`."""
    portions, start = [], 0
    while True:  # the newline-delimited portions; a final newline ends its portion
        end = value.find("\n", start)
        if end < 0 or end == len(value) - 1:
            portions.append(value[start:])
            break
        portions.append(value[start:end + 1])
        start = end + 1
    lines, first = [], True
    after_break = len(prefix) + 1  # the column after the opening quote of a continuation line
    for n, portion in enumerate(portions):
        escaped, overrides = _escape(portion)
        limit = width - 1 - after_break
        startcol = len(name) + 1 if first else 0
        breaks = _breaks(escaped, overrides, limit, startcol) if wrap else []  # no-wrap: newlines only
        if first and escaped and (n < len(portions) - 1 or (wrap and (startcol > limit or breaks))):
            lines.append(f'{prefix}{name} ""')
            first = False
            breaks = _breaks(escaped, overrides, limit, 0) if wrap else []
        cuts = [0, *breaks, len(escaped)]
        for a, b in zip(cuts, cuts[1:]):
            head = f"{name} " if first else ""
            lines.append(f'{prefix}{head}"{escaped[a:b]}"')
            first = False
    return lines


def _escape(text: str) -> tuple[str, list[bool]]:
    """The escaped text, and for each character whether a break before it is forbidden."""
    chars, forbid = [], []
    for c in text:
        if c in _ESCAPES:
            chars += ["\\", _ESCAPES[c]]
            forbid += [False, True]
        else:
            chars.append(c)
            forbid.append(False)
    if text.endswith("\n"):
        forbid[-2] = True  # never break just before the closing \n
    return "".join(chars), forbid


def _breaks(text: str, forbid: list[bool], width: int, startcol: int) -> list[int]:
    """Indexes where msgcat breaks `text` (greedy, at line-break opportunities)."""
    possible = _opportunities(text)
    out, last, column, piece = [], None, startcol, 0
    for i, c in enumerate(text):
        if i in possible and not forbid[i]:
            if last is not None and column + piece > width:
                out.append(last)
                column = 0
            last, column, piece = i, column + piece, 0
        piece += _width(c)
    if last is not None and column + piece > width:
        out.append(last)
    return out


def _opportunities(text: str) -> set[int]:
    """Break opportunities (UAX #14, by ICU) as code point indexes, the start excluded."""
    iterator = _iterator()
    iterator.setText(text)
    offsets, count = {}, 0  # UTF-16 offset -> code point index
    for index, c in enumerate(text):
        offsets[count] = index
        count += 2 if ord(c) > 0xFFFF else 1
    offsets[count] = len(text)
    found = {offsets[b] for b in iterator if 0 < b < count and b in offsets}
    found |= {i for i in range(1, len(text)) if _older_rules_break(text, i)}
    return {i for i in found if not _quote_before_open(text, i)}


def _older_rules_break(text: str, i: int) -> bool:
    """Breaks libunistring (msgcat) finds where ICU does not: Unicode 15.1's LB15a, LB15b and
    LB20a (after the spaces that follow an opening quote, before a closing quote that follows
    a space, after a word-initial hyphen) and LB29 (between . , : ; and a letter)."""
    before, here = text[i - 1], text[i]
    if before == " " and here != " ":
        j = i - 1
        while j >= 0 and text[j] == " ":
            j -= 1
        if j >= 0 and _line_class(text[j]) == _QU and unicodedata.category(text[j]) == "Pi":
            return _line_class(here) not in _NO_BREAK_BEFORE
        if _line_class(here) == _QU and unicodedata.category(here) == "Pf":
            return True
    if before == "-" and (i < 2 or text[i - 2] == " ") and _line_class(here) in (_AL, _HL):
        return True
    return _line_class(before) == _IS and _line_class(here) in (_AL, _HL)  # "e.|g.": no LB29 there


def _quote_before_open(text: str, i: int) -> bool:
    """UAX #14's older LB15, QU SP* × OP (a quote, spaces, an opening bracket: no break), which
    libunistring, and so msgcat, still applies; ICU follows Unicode 15.1's narrower LB15a/b."""
    if _line_class(text[i]) != _OP:
        return False
    j = i - 1
    while j >= 0 and text[j] == " ":
        j -= 1
    return j >= 0 and _line_class(text[j]) == _QU


def _line_class(c: str) -> int:
    return icu.Char.getIntPropertyValue(ord(c), icu.UProperty.LINE_BREAK)


@lru_cache(maxsize=1)
def _iterator():
    return icu.BreakIterator.createLineInstance(icu.Locale.getRoot())


def _width(c: str) -> int:
    if unicodedata.category(c) in ("Mn", "Me", "Cf") or "\u1160" <= c <= "\u11ff":
        return 0
    return 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1
