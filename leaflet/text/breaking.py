"""Where a line may break: the Unicode line breaking algorithm (UAX #14) as
ICU implements it (the engine browsers and office suites use), tailored the way
leaflets need it.

- Korean breaks at spaces only (between eojeol), as Korean typesetting does.
- Contact data (phone numbers, e-mail addresses) never breaks; a web address
  breaks only after a '/' (never inside '//').
- Words are never hyphenated.
- A number stays with what it belongs to (`_keep_together`): the groups of a
  phone number written in the text ("0808 157 0123"), a label and its number
  ("Chapter 8", "Section 47", "November 2026"), a number and its unit, label
  or month ("10 am", "26 November", "2006 年", "9 个月").
"""
from __future__ import annotations

from functools import lru_cache

import re

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
    return frozenset(out - _keep_together(text, language))


NUMBER = re.compile(r"[+(\uff08]?\d[\d).,:/\-]*$")  # 0808, (020), 10:30, 2006, 8.
TRAILING_NUMBER = re.compile(r"(^|[^\w])[+(\uff08]?\d[\d).,:/\-]*$")
SHORT_NUMBER = 4  # "Chapter 8", "Section 47", "May 2026": a word keeps a number this long with it
# Units and labels a number keeps after it (with the language's month names):
# symbols and abbreviations shared by the languages that write Latin ones.
UNITS = frozenset("am pm a.m p.m h hrs min mins km m cm mm kg g mg ml l mph % p pp £ zł lei".split())


def _ideograph(ch: str) -> bool:
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xAC00 <= o <= 0xD7A3


@lru_cache(maxsize=64)
def _months(language: str) -> frozenset[str]:
    """The month names of the language (CLDR through ICU, both contexts, wide and
    abbreviated), lower case: "26 November". ICU has them built in; Babel would
    load the locale's whole data file."""
    locale = icu.Locale(language.replace("-", "_"))
    symbols = icu.DateFormatSymbols(locale)
    if symbols.getLocale(icu.ULocDataLocaleType.ACTUAL_LOCALE).getLanguage() != locale.getLanguage():
        return frozenset()  # ICU fell back to the process's locale: not this language's months
    S = icu.DateFormatSymbols
    return frozenset(n.lower().rstrip(".") for context in (S.FORMAT, S.STANDALONE)
                     for width in (S.WIDE, S.ABBREVIATED) for n in symbols.getMonths(context, width) if n)


def _keep_together(text: str, language: str) -> set[int]:
    """Break offsets to remove: where a number and its neighbour meet."""
    out = set()
    tokens = [(m.start(), m.group()) for m in re.finditer(r"\S+", text)]
    for n, ((a, left), (b, right)) in enumerate(zip(tokens, tokens[1:])):
        after = tokens[n + 2][1] if n + 2 < len(tokens) else ""
        left_word = left.rstrip(",;")  # a comma ends the pair: "Chapter 8, 10 am" breaks after "8,"
        # the left token's last part: "儿童》（2006" ends with a number
        lnum, rnum = bool(TRAILING_NUMBER.search(left)), bool(NUMBER.match(right.rstrip(".,;:!?)")))
        rword = right.rstrip(".,;:!?)\u3002\uff0c")
        if lnum and rnum and left[-1].isdigit():  # "0808 157 0123", "26 11 2026"
            out.add(b)
        elif rnum and left_word == left and left[-1].isalpha() and len(right.rstrip(".,;:!?)")) <= SHORT_NUMBER \
                and (len(left) >= 3 or _ideograph(left[-1])) and not NUMBER.match(after):
            out.add(b)  # "Chapter 8", "November 2026", "第 8" (not "on 26", nor "call 020 8547")
        elif lnum and left[-1].isdigit() and (
                rword.lower() in UNITS or _ideograph(right[0]) or rword.lower() in _months(language)):
            out.add(b)  # "10 am", "26 November", "2006 年"
    for i in range(1, len(text)):  # "2006年", "第8章": a number and the ideographs beside it, set solid
        if (text[i - 1].isdigit() and _ideograph(text[i])) or (_ideograph(text[i - 1]) and text[i].isdigit()):
            out.add(i)
    return out


def data_opportunities(text: str, kind: str) -> set[int]:
    """Break offsets allowed inside a piece of contact data."""
    if kind != "url":
        return set()
    return {i + 1 for i, ch in enumerate(text[:-1])
            if ch == "/" and text[i + 1] != "/" and (i == 0 or text[i - 1] != "/")}
