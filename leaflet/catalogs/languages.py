"""The languages the tool knows: English names (ours: Babel says "Bangla"),
own-script names and direction (Babel), and plural forms (our own table, as
gettext writes them; a catalog's own Plural-Forms header is never trusted)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from babel import Locale

from ..errors import LeafletError

# code: (English name, Plural-Forms)
TABLE = {
    "en": ("English", "nplurals=2; plural=(n != 1);"),
    "pl": ("Polish", "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"),
    "ro": ("Romanian", "nplurals=3; plural=(n==1 ? 0 : (n==0 || (n%100 > 0 && n%100 < 20)) ? 1 : 2);"),
    "so": ("Somali", "nplurals=2; plural=(n != 1);"),
    "cy": ("Welsh", "nplurals=4; plural=(n==1) ? 0 : (n==2) ? 1 : (n != 8 && n != 11) ? 2 : 3;"),
    "ar": ("Arabic", "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 "
                     ": n%100>=11 ? 4 : 5);"),
    "ur": ("Urdu", "nplurals=2; plural=(n != 1);"),
    "fa": ("Farsi", "nplurals=2; plural=(n > 1);"),
    "ps": ("Pashto", "nplurals=2; plural=(n != 1);"),
    "ckb": ("Kurdish (Sorani)", "nplurals=2; plural=(n != 1);"),
    "bn": ("Bengali", "nplurals=2; plural=(n != 1);"),
    "pa": ("Punjabi", "nplurals=2; plural=(n > 1);"),
    "gu": ("Gujarati", "nplurals=2; plural=(n != 1);"),
    "hi": ("Hindi", "nplurals=2; plural=(n != 1);"),
    "ne": ("Nepali", "nplurals=2; plural=(n != 1);"),
    "ta": ("Tamil", "nplurals=2; plural=(n != 1);"),
    "ti": ("Tigrinya", "nplurals=2; plural=(n > 1);"),
    "am": ("Amharic", "nplurals=2; plural=(n > 1);"),
    "ko": ("Korean", "nplurals=1; plural=0;"),
    "zh-Hans": ("Chinese (Simplified)", "nplurals=1; plural=0;"),
    "zh-Hant": ("Chinese (Traditional)", "nplurals=1; plural=0;"),
    "el": ("Greek", "nplurals=2; plural=(n != 1);"),
    "ru": ("Russian", "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
                      "(n%100<10 || n%100>=20) ? 1 : 2);"),
}


@dataclass(frozen=True)
class Language:
    code: str  # BCP 47 as used in file names: "ur", "zh-Hans"
    english_name: str
    native_name: str
    rtl: bool
    plural_forms: str

    @property
    def posix(self) -> str:
        """The form a .po Language header uses: zh_Hans."""
        return self.code.replace("-", "_")


@lru_cache(maxsize=None)
def get(code: str) -> Language:
    base = "en" if code == "en" or code.startswith("en-") else code  # "enx" is not English
    if base not in TABLE:
        raise LeafletError(f"unknown language '{code}' (known: {', '.join(sorted(TABLE))})")
    english_name, plurals = TABLE[base]
    locale = Locale.parse(code.replace("-", "_"))
    native = locale.get_display_name(locale) or english_name
    return Language(code, english_name, native[:1].upper() + native[1:] if native[:1].islower() else native,
                    locale.text_direction == "rtl", plurals)


def known() -> list[str]:
    return sorted(c for c in TABLE if c != "en")
