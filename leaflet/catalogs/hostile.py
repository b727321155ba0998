"""Contact data hidden in a translation: found after normalising, not before.

A translation may not add a phone number, e-mail or web address: a family
would call or visit it. Disguises seen in the wild defeat a plain pattern:
no-break or thin spaces, a ZWNJ inside the digits, dots or brackets between
groups, international form (+48 22 123 45 67), Arabic-Indic or Bengali digits,
a bare domain (kingston-scr-help.com/pay), an e-mail with a ZWNJ before the @
or a fullwidth ＠. So the text is first normalised (NFKC, every format
character removed, the digits of every numbering system folded to 0-9), and
only then searched, for anything the English does not have.

Joiners (ZWNJ, ZWJ) are a real part of Persian, Indic and Arabic-script
spelling, so they are allowed there, between two letters of such a script,
and nowhere else (not between digits, not beside an @).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import icu

JOINERS = {"\u200c", "\u200d"}
# Scripts whose spelling uses ZWNJ/ZWJ inside words (Unicode's joiner guidance, ch. 23.2).
JOINING_SCRIPTS = {"Arab", "Syrc", "Nkoo", "Mong", "Deva", "Beng", "Guru", "Gujr", "Orya", "Taml", "Telu", "Knda",
                   "Mlym", "Sinh", "Khmr", "Mymr", "Tibt", "Thaa"}
_SEPARATORS = r"[\s.\-‐‑‒–—―/\\()\[\]·•‧・_,،'’]"
PHONE = re.compile(rf"\+?\(?\d(?:{_SEPARATORS}{{0,3}}\d){{5,}}")  # six digits or more, however spaced
EMAIL = re.compile(r"[^\s@]{0,64}@\s*[\w-]{1,63}(?:\s*\.\s*[\w-]{1,63}){0,8}")  # bounded: linear time
SCHEME = re.compile(r"(?i)\b(?:https?|ftp|mailto|tel|sms|whatsapp|file|javascript|data)\s*:|www\s*\.")
# Country-code domains: ISO 3166 (from ICU, no locale data to load), the ccTLDs
# outside it (.uk, .eu, .ac), and the codes CLDR reserves, as before.
_COUNTRIES = "|".join(sorted({c.lower() for c in icu.Locale.getISOCountries()}
                             | {"uk", "eu", "ac", "cp", "ez", "qo", "ta", "un", "xa", "xb", "zz"}))
_TLDS = ("com|org|net|info|biz|gov|edu|int|mil|io|co|app|dev|page|link|site|online|website|xyz|top|club|shop|"
         "help|support|today|live|news|me|tv|ly|gl|to|cc|ws|nhs|scot|wales|cymru|london|eu|asia|mobi|pro|name|"
         f"{_COUNTRIES}|рф|укр|срб|бел|қаз|中国|中國|香港|台灣|台湾|한국|ایران|مصر|السعودية|امارات|پاکستان|بھارت|ভারত|"
         "இந்தியா|ਭਾਰਤ")
DOMAIN = re.compile(rf"(?i)(?<![\w.@-])((?:[\w-]{{1,63}}\.){{0,8}}[\w-]{{2,63}}\.(?:{_TLDS}))(?![\w-])(/\S*)?")


def normalise(text: str) -> str:
    """The text as it would be read: NFKC, format characters gone, every digit 0-9, spaces plain."""
    text = unicodedata.normalize("NFKC", text)
    return text if text.isascii() else text.translate(_READ_AS)  # ASCII reads as itself


class _ReadAs(dict):
    """What each character reads as (str.translate's table), worked out as met."""

    def __missing__(self, code: int) -> str:
        c = chr(code)
        if unicodedata.category(c) == "Cf" or c == "\u034f":
            out = ""
        elif (digit := unicodedata.decimal(c, None)) is not None:
            out = str(digit)
        else:
            out = " " if unicodedata.category(c) in ("Zs", "Zl", "Zp") else c
        self[code] = out
        return out


_READ_AS = _ReadAs()


def contact_data(text: str) -> list[str]:
    """Phone numbers, e-mail addresses and web addresses in `text`, as normalised."""
    flat = normalise(text)
    found = [m.group(0).strip() for m in EMAIL.finditer(flat)]
    found += [m.group(0).strip() for m in SCHEME.finditer(flat)]
    found += [m.group(0) for m in DOMAIN.finditer(flat) if _domain_case(m.group(1))]
    found += [m.group(0) for m in PHONE.finditer(flat)]
    return found


def added_contact_data(text: str, english: str) -> list[str]:
    """What `text` has that looks like contact data and the English does not have."""
    known, known_digits = _known(english)
    added = []
    for item in contact_data(text):
        digits = re.sub(r"\D", "", item)
        if item.lower() in known or (PHONE.fullmatch(item) and digits in known_digits):
            continue
        added.append(item)
    return added


@lru_cache(maxsize=4096)
def _known(english: str) -> tuple[str, frozenset]:
    """The English side of `added_contact_data`, the same for every language: worked out once."""
    return normalise(english).lower(), frozenset(re.sub(r"\D", "", m) for m in contact_data(english))


def misplaced_joiners(text: str) -> list[int]:
    """Positions of ZWNJ/ZWJ that are not between two letters of a script that spells with them."""
    bad = []
    if "\u200c" not in text and "\u200d" not in text:
        return bad
    for i, c in enumerate(text):
        if c not in JOINERS:
            continue
        before, after = _base(text, i, -1), _base(text, i, 1)
        if before is None or after is None or not (_joins(before) and _joins(after)):
            bad.append(i)
    return bad


def _base(text: str, i: int, step: int) -> str | None:
    """The nearest letter before (step -1) or after (+1) position i, across combining marks."""
    j = i + step
    while 0 <= j < len(text):
        cat = unicodedata.category(text[j])
        if cat.startswith("M") and step < 0:
            j += step
            continue
        return text[j] if cat.startswith(("L", "M")) else None
    return None


def _joins(c: str) -> bool:
    script = icu.Script.getScript(ord(c)).getShortName()
    return script in JOINING_SCRIPTS



def _domain_case(candidate: str) -> bool:
    """A domain's ending is all lower or all upper case; "przypadku.To" is two sentences."""
    tld = candidate.rsplit(".", 1)[1]
    return tld == tld.lower() or tld == tld.upper()
