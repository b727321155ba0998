"""Write leaflet/catalogs/language_table.py: what CLDR (through Babel) says of the
languages councils most often print in, so that a build reads names, direction
and plural forms from a table instead of loading a Babel locale per language
(12 locales were a third of a second). tests/catalogs/test_language_table.py
checks every row against Babel, so a table that falls behind CLDR fails.

    python tools/make_language_table.py
"""
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from leaflet.catalogs import languages  # noqa: E402

CODES = ("am", "ar", "bg", "bn", "ckb", "cs", "cy", "da", "de", "el", "en", "en-GB", "es", "fa", "fr", "gu", "ha",
         "he", "hi", "hu", "ig", "it", "ko", "ku", "lt", "lv", "ms", "nb", "ne", "nl", "no", "pa", "pl", "ps", "pt",
         "pt-BR", "ro", "ru", "sk", "so", "sq", "sv", "sw", "ta", "th", "ti", "tr", "uk", "ur", "vi", "yo", "zh",
         "zh-Hans", "zh-Hant")


def main() -> None:
    rows = [languages.from_cldr(code) for code in CODES]
    lines = ['"""Written by tools/make_language_table.py from CLDR (through Babel); do not edit.',
             "code -> (English name, own-language name, right-to-left, Plural-Forms, script)", '"""', "TABLE = {"]
    lines += [f"    {r.code!r}: ({r.english_name!r}, {r.native_name!r}, {r.rtl!r}, {r.plural_forms!r}, {r.script!r}),"
              for r in rows]
    lines.append("}")
    (ROOT / "leaflet" / "catalogs" / "language_table.py").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
