"""Languages: any language CLDR knows (through Babel), for names, script,
direction and plural forms; our own table only for what CLDR does not say.

- English names: CLDR's, except where the councils' and families' usage differs
  (CLDR says "Bangla", "Persian", "Central Kurdish").
- Plural-Forms: gettext counts integers only. CLDR's rules also cover decimals
  (Polish "other", Portuguese's compact-exponent `e`), which gettext tools
  refuse; so the forms come from CLDR's rules evaluated for whole numbers, and
  for the languages with a long-established gettext formula (what Poedit,
  Weblate and msginit write) that formula is kept.
- The catalog folder: the POSIX form of the tag (`zh_Hans`, `pt_BR`), which
  `pybabel compile -d translations` and Python's gettext accept.
Whether fonts/ has a font for the script is the font table's business
(`leaflet.fonts.family_for`); the CLI says so when a language is started.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING


from ..errors import LeafletError
from .language_table import TABLE

if TYPE_CHECKING:
    from babel import Locale

ENGLISH_NAMES = {"bn": "Bengali", "fa": "Farsi", "ckb": "Kurdish (Sorani)", "zh-Hans": "Chinese (Simplified)",
                 "zh-Hant": "Chinese (Traditional)"}
NATIVE_NAMES: dict[str, str] = {}  # own-script names where CLDR's are not what families say: none yet

# gettext's established formulas (GNU gettext's plural table, as msginit and Poedit write them)
GETTEXT_PLURALS = {
    "pl": "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "ro": "nplurals=3; plural=(n==1 ? 0 : (n==0 || (n%100 > 0 && n%100 < 20)) ? 1 : 2);",
    "cy": "nplurals=4; plural=(n==1) ? 0 : (n==2) ? 1 : (n != 8 && n != 11) ? 2 : 3;",
    "ar": "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);",
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "uk": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "lt": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "cs": "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;",
    "sk": "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;",
    "fa": "nplurals=2; plural=(n > 1);",
    "pa": "nplurals=2; plural=(n > 1);",
    "ti": "nplurals=2; plural=(n > 1);",
    "am": "nplurals=2; plural=(n > 1);",
    "pt": "nplurals=2; plural=(n != 1);",
    "es": "nplurals=2; plural=(n != 1);",
    "fr": "nplurals=2; plural=(n > 1);",
    "it": "nplurals=2; plural=(n != 1);",
    "ko": "nplurals=1; plural=0;",
    "zh": "nplurals=1; plural=0;",
    **{code: "nplurals=2; plural=(n != 1);" for code in ("en", "so", "ur", "ps", "ckb", "bn", "gu", "hi", "ne", "ta",
                                                         "el", "de", "nl", "sv", "da", "no", "nb", "it")},
}
# Formulas gettext users know; a formula derived from CLDR that counts the same is written as one of these.
SIMPLE_PLURALS = ("nplurals=1; plural=0;", "nplurals=2; plural=(n != 1);", "nplurals=2; plural=(n > 1);")
TAG = re.compile(r"^([A-Za-z]{2,3})(?:[-_]([A-Za-z]{4}))?(?:[-_]([A-Za-z]{2}|[0-9]{3}))?$")


@dataclass(frozen=True)
class Language:
    code: str  # BCP 47 as used in file names: "ur", "zh-Hans", "pt-BR"
    english_name: str
    native_name: str
    rtl: bool
    plural_forms: str
    script: str = "Latn"  # ISO 15924, CLDR's likely script when the tag names none

    @property
    def posix(self) -> str:
        """The form a .po Language header and the catalog folder use: zh_Hans."""
        return self.code.replace("-", "_")

    @property
    def folder(self) -> str:
        return self.posix

    @property
    def base(self) -> str:
        return self.code.split("-")[0]

    def accepts_header(self, header: str) -> bool:
        """Whether a Language header fits this catalog: the same language and script;
        a region (ur_PK, zh_CN, as Weblate and Poedit write it) is accepted when
        this catalog names none, and must match when it does."""
        try:
            other = get(header.replace("_", "-"))
        except LeafletError:
            return False
        if other.base != self.base or other.script != self.script:
            return False
        region = _parts(self.code)[2]
        return region is None or _parts(other.code)[2] == region


def _parts(code: str):
    m = TAG.match(code)
    if not m:
        raise LeafletError(f"'{code}' is not a language tag this tool reads (language[-Script][-REGION], "
                           "such as ur, zh-Hans or pt-BR)")
    language, script, region = m.groups()
    return language.lower(), script.title() if script else None, region.upper() if region else None


@lru_cache(maxsize=None)
def get(code: str) -> Language:
    """The language `code` names: from the table of common languages (no Babel
    locale to load), else from CLDR."""
    language, script, region = _parts(code)
    canonical = "-".join(p for p in (language, script, region) if p)
    row = TABLE.get(canonical)
    return Language(canonical, *row) if row else from_cldr(canonical)


def from_cldr(code: str) -> Language:
    """What CLDR (through Babel) and our own tables say of `code`."""
    from babel import Locale, UnknownLocaleError  # here: the table answers for the common languages
    from babel.core import get_global

    language, script, region = _parts(code)
    canonical = "-".join(p for p in (language, script, region) if p)
    try:
        locale = Locale.parse("_".join(p for p in (language, script, region) if p))
    except (UnknownLocaleError, ValueError):
        raise LeafletError(f"unknown language '{code}': CLDR (through Babel) does not know it") from None
    likely = get_global("likely_subtags").get("_".join(p for p in (language, script, region) if p)) \
        or get_global("likely_subtags").get(language, "")
    found_script = script or next((p for p in likely.split("_")[1:] if len(p) == 4), "Latn")
    english = ENGLISH_NAMES.get(canonical) or ENGLISH_NAMES.get(language) if language != "en" else "English"
    english = english or locale.get_display_name("en") or canonical
    native = NATIVE_NAMES.get(canonical) or locale.get_display_name(locale) or english
    native = native[:1].upper() + native[1:] if native[:1].islower() else native
    plurals = GETTEXT_PLURALS.get(language) or integer_plural_forms(locale)
    return Language(canonical, english, native, locale.text_direction == "rtl", plurals, found_script)


def integer_plural_forms(locale: Locale) -> str:
    """A gettext Plural-Forms from CLDR's rules, for the categories whole numbers reach."""
    from babel.plural import PluralRule, _GettextCompiler, _plural_tags

    rule = PluralRule.parse(locale.plural_form)
    used = {rule(n) for n in range(0, 1001)} | {rule(n) for n in (10_000, 100_000, 1_000_000)}
    order = [t for t in _plural_tags if t in used]
    fallback = "other" if "other" in used else order[-1]
    compile_ = _GettextCompiler().compile
    parts = [f"{re.sub(r'(?<![A-Za-z_])[ev](?![A-Za-z_])', '0', compile_(ast))} ? {order.index(tag)} : "
             for tag, ast in rule.abstract if tag in used and tag != fallback]
    derived = f"nplurals={len(order)}; plural=({''.join(parts)}{order.index(fallback)});"
    counts = [order.index(rule(n)) for n in range(0, 1001)]
    for simple in SIMPLE_PLURALS:
        if int(simple[9]) == len(order) and counts == [_evaluate(simple, n) for n in range(0, 1001)]:
            return simple
    return derived


def _evaluate(plural_forms: str, n: int) -> int:
    import gettext

    return gettext.c2py(plural_forms.split("plural=", 1)[1].rstrip(";"))(n)


def catalog_folder(code: str) -> str:
    """The folder under translations/ for a language: the only way a path is made from a code."""
    return get(code).folder


def from_folder(name: str) -> str | None:
    """The code for a folder under translations/, or None when it is not a language's folder."""
    try:
        lang = get(name.replace("_", "-"))
    except LeafletError:
        return None
    return lang.code if lang.folder == name else None
