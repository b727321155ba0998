"""Any language CLDR knows; the shipped catalogs' folders; region headers; one
bad catalog among many."""
import gettext
import re

import pytest
from babel import Locale
from babel.messages.frontend import CommandLineInterface
from babel.plural import PluralRule

from leaflet import cli, content
from leaflet.catalogs import languages, pofile, review, workflow
from leaflet.errors import LeafletError
from leaflet.labels import english_texts

from catalogs.parsers import read_everywhere
from conftest import ROOT, SEED


@pytest.fixture(autouse=True)
def at_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def plural_function(lang):
    return gettext.c2py(lang.plural_forms.split("plural=", 1)[1].rstrip(";"))


@pytest.mark.parametrize("code, english, native, script, nplurals", [
    ("pt", "Portuguese", "Português", "Latn", 2), ("uk", "Ukrainian", "Українська", "Cyrl", 3),
    ("lt", "Lithuanian", "Lietuvių", "Latn", 3), ("tr", "Turkish", "Türkçe", "Latn", 2),
    ("es", "Spanish", "Español", "Latn", 2), ("ti", "Tigrinya", "ትግርኛ", "Ethi", 2),
    ("bn", "Bengali", "বাংলা", "Beng", 2), ("zh-Hans", "Chinese (Simplified)", "中文 (简体)", "Hans", 1),
    ("he", "Hebrew", "עברית", "Hebr", 3), ("ga", "Irish", "Gaeilge", "Latn", 5),
])
def test_any_language_from_cldr(code, english, native, script, nplurals):
    lang = languages.get(code)
    assert (lang.english_name, lang.native_name, lang.script) == (english, native, script)
    assert lang.plural_forms.startswith(f"nplurals={nplurals};")
    # gettext's forms agree with CLDR's categories on whole numbers: the same n, the same form
    rule, forms = PluralRule.parse(Locale.parse(code.replace("-", "_")).plural_form), plural_function(lang)
    seen = {}
    for n in range(0, 300):
        assert 0 <= forms(n) < nplurals
        seen.setdefault(rule(n), set()).add(forms(n))
    if code not in languages.GETTEXT_PLURALS:
        assert all(len(v) == 1 for v in seen.values()), seen


def test_directions_and_unknown_tags():
    assert [languages.get(c).rtl for c in ("ur", "ar", "fa", "ps", "ckb", "he", "pl")] == [True] * 6 + [False]
    for bad, why in (("xx", "unknown language 'xx'"), ("en-abcde", "not a language tag"), ("../x", "not a language")):
        with pytest.raises(LeafletError, match=why):
            languages.get(bad)


@pytest.mark.parametrize("code", ["pt", "uk", "lt", "tr", "es"])
def test_init_starts_a_new_language(translations, code):
    files = workflow.update([content.load(SEED.relative_to(ROOT))], code, init=True)
    assert {p.relative_to(translations).as_posix() for p, _ in files} == {
        f"{code}/LC_MESSAGES/serious-case-reviews.po", f"{code}/LC_MESSAGES/leaflet.po"}
    for path, data in files:
        entries = read_everywhere(data, str(path))
        assert len(entries) in (len(english_texts()), 23) and all(v[1] == "" for v in entries.values())
        po = pofile.parse(data, str(path))
        assert po.header["Language"] == code and po.header["Plural-Forms"] == languages.get(code).plural_forms
        assert b"EXAMPLE TRANSLATION" not in data and b"X-Review-Status" not in data  # a human translation
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    with pytest.raises(LeafletError, match="already exists; use update"):
        workflow.update([content.load(SEED)], code, init=True)


def test_init_says_when_fonts_has_no_font_for_the_script(translations, capsys):
    assert cli.main(["init", "--lang", "hy"], project=translations.parent) == 0
    err = capsys.readouterr().err
    assert "fonts/ has no font for Armenian's script (Armn)" in err
    assert cli.main(["init", "--lang", "pt"], project=translations.parent) == 0
    assert "no font" not in capsys.readouterr().err


def test_init_needs_lang():
    with pytest.raises(SystemExit):
        cli.parser().parse_args(["init"])
    assert "--lang LANG" in cli.parser()._subparsers._group_actions[0].choices["init"].format_usage()


def test_simplified_chinese_folder_compiles_with_pybabel_and_loads_in_python_gettext(translations):
    assert (translations / "zh_Hans").is_dir() and not (translations / "zh-Hans").exists()
    assert review.po_path("zh-Hans", "leaflet") == translations / "zh_Hans" / "LC_MESSAGES" / "leaflet.po"
    assert "zh-Hans" in review.available("serious-case-reviews")
    CommandLineInterface().run(["pybabel", "compile", "-d", str(translations), "-D", "serious-case-reviews"])
    found = gettext.translation("serious-case-reviews", str(translations), ["zh_Hans"])
    assert found.pgettext("serious-case-reviews:front.title", "Serious Case Reviews") != "Serious Case Reviews"


def spoil(translations, folder, old, new, domain="serious-case-reviews"):
    path = translations / folder / "LC_MESSAGES" / f"{domain}.po"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("folder, header", [("ur", "ur_PK"), ("pl", "pl_PL"), ("bn", "bn_BD"), ("zh_Hans", "zh_CN"),
                                            ("zh_Hans", "zh-Hans")])
def test_a_language_header_with_a_region_is_accepted_for_its_folder(translations, folder, header):
    code = languages.from_folder(folder)
    spoil(translations, folder, f'"Language: {languages.get(code).posix}\\n"', f'"Language: {header}\\n"')
    problems, rows = workflow.check([content.load(SEED)], code)
    assert [p for p in problems if not p.startswith("warning: ")] == []
    assert all(r.translated == r.total and not r.error for r in rows)


def test_a_header_for_another_script_or_language_is_refused(translations):
    spoil(translations, "zh_Hans", '"Language: zh_Hans\\n"', '"Language: zh_TW\\n"')
    problems, _ = workflow.check([content.load(SEED)], "zh-Hans")
    assert len(problems) == 1 and problems[0].endswith(
        "translations/zh_Hans/LC_MESSAGES/serious-case-reviews.po:1: Language header is 'zh_TW' "
        "but this is the catalog for 'zh_Hans' (translations/zh_Hans/)")


def test_one_bad_catalog_does_not_stop_check_or_status(translations, capsys):
    spoil(translations, "pl", 'msgstr "Analizy poważnych przypadków"', 'msgstr "Analizy poważnych przypadków')
    assert cli.main(["check"], project=translations.parent) == 2
    out, err = capsys.readouterr()
    errors = [line for line in err.splitlines() if not line.startswith("warning: ")]
    assert len(errors) == 1 and errors[0].endswith(
        "translations/pl/LC_MESSAGES/serious-case-reviews.po:26: unterminated string (a line must end with a closing \")")
    checked = int(re.search(r"checked (\d+) catalogs: 0 entries rejected, 1 catalogs could not be read", out).group(1))
    assert checked >= 24  # every other catalog of every leaflet still checked
    assert cli.main(["status"], project=translations.parent) == 2
    rows = capsys.readouterr().out.splitlines()[1:]
    assert len(rows) == checked and sum("unreadable: " in r for r in rows) == 1
    labels = len(english_texts())
    assert any(r.split()[1:3] == ["pl", "leaflet"] and f"{labels}/{labels}" in r for r in rows)  # pl's other catalog


@pytest.mark.parametrize("code, why", [("xx", "unknown language 'xx'"), ("pt", "there are no pt catalogs to check")])
def test_check_of_a_language_with_nothing_to_check_is_an_error(translations, capsys, code, why):
    assert cli.main(["check", "--lang", code], project=translations.parent) == 2
    assert why in capsys.readouterr().err


def test_update_of_a_language_without_catalogs_says_to_init(translations, capsys):
    assert cli.main(["update", "--lang", "uk"], project=translations.parent) == 2
    assert "there are no uk catalogs yet (translations/uk/); start them with `python generate.py init --lang uk`" in \
        capsys.readouterr().err
    assert not (translations / "uk").exists()
