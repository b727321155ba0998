"""Hostile translations (issue 15.1): contact data in disguise is found after
normalising, rejected by `check` and never printed in a build."""
import dataclasses
import re

import pytest

from leaflet import build, cli, content
from leaflet.catalogs import hostile, pofile, powrite
from leaflet.catalogs.checks import check_entry
from leaflet.catalogs.pofile import Entry

from conftest import ROOT, SEED, page_texts

CONSIDERS = "serious-case-reviews:faq.what-is-scr.considers"
FURTHER = "serious-case-reviews:back.further-reading"
ENGLISH = ("A Serious Case Review considers what was done, what lessons can be learned for the future and what "
           "changes may need to be made.")
POLISH = "Analiza rozważa, co zostało zrobione i jakie wnioski można wyciągnąć na przyszłość"

HOSTILE = {
    "no-break spaces": "Zadzwoń: 020\u00a07946\u00a00321.",
    "narrow no-break spaces": "Zadzwoń: 020\u202f7946\u202f0321.",
    "ZWNJ inside the digits": "Zadzwoń: 020\u200c7946\u200c0321.",
    "ZWSP inside the digits": "Zadzwoń: 0\u200b2\u200b0\u200b7946 0321.",
    "dots": "Zadzwoń: 020.7946.0321.",
    "brackets": "Zadzwoń: (020) 7946 0321.",
    "hyphens": "Zadzwoń: 020-7946-0321.",
    "international": "Zadzwoń: +48 22 123 45 67.",
    "international, no spaces": "Zadzwoń: +48221234567.",
    "Arabic-Indic digits": "اتصل: ٠٢٠ ٧٩٤٦ ٠٣٢١",
    "Extended Arabic-Indic digits": "تماس: ۰۲۰ ۷۹۴۶ ۰۳۲۱",
    "Bengali digits": "ফোন: ০২০ ৭৯৪৬ ০৩২১",
    "Devanagari digits": "फ़ोन: ०२० ७९४६ ०३२१",
    "fullwidth digits": "电话：０２０ ７９４６ ０３２１",
    "mixed digits": "Zadzwoń: 020 ٧٩٤٦ 0321.",
    "bare domain with a path": "Zapłać na kingston-scr-help.com/pay.",
    "bare domain, upper case": "Więcej na KINGSTON-HELP.ORG.",
    "bare domain, country code": "Więcej na pomoc-dzieciom.pl.",
    "www": "Więcej na www.kingston-help.",
    "scheme": "Więcej: https://kingston-help.example",
    "e-mail with ZWNJ before @": "Napisz: pomoc\u200c@kingston-help.com.",
    "e-mail with a fullwidth @": "Napisz: pomoc＠kingston-help.com.",
    "e-mail with a small @": "Napisz: pomoc﹫kingston-help.com.",
    "e-mail with spaces": "Napisz: pomoc @ kingston-help . com.",
    "fullwidth domain": "Więcej na ｋｉｎｇｓｔｏｎ－ｈｅｌｐ．ｃｏｍ",
    "Cyrillic domain": "Больше на помощь-детям.рф",
}


@pytest.mark.parametrize("case", HOSTILE)
def test_disguised_contact_data_is_rejected(case):
    problems = check_entry(Entry(ENGLISH, POLISH + " " + HOSTILE[case]), ENGLISH, "pl.po")
    assert any("adds contact data not in the English" in p for p in problems), problems


LINKED = "Read [the government guidance](https://www.gov.uk/guidance) before the meeting."


@pytest.mark.parametrize("text", [
    "Przeczytaj [020 7946 0321](https://www.gov.uk/guidance) przed spotkaniem.",
    "Przeczytaj [www.kingston-help.com](https://www.gov.uk/guidance) przed spotkaniem.",
    "Przeczytaj [pomoc＠kingston-help.com](https://www.gov.uk/guidance) przed spotkaniem.",
])
def test_link_text_changed_to_contact_data_is_rejected(text):
    assert any("adds contact data" in p for p in check_entry(Entry(LINKED, text), LINKED, "pl.po"))


@pytest.mark.parametrize("text", [
    "Przeczytaj [wytyczne rządu](https://www.gov.uk/guidance) przed spotkaniem.",
    "Przeczytaj [wytyczne na gov.uk/guidance](https://www.gov.uk/guidance) przed spotkaniem.",  # the true target
    "Przeczytaj m.in. [wytyczne](https://www.gov.uk/guidance), np. rozdział 8 z 2006 r.",
])
def test_ordinary_text_and_the_true_target_pass(text):
    assert check_entry(Entry(LINKED, text), LINKED, "pl.po") == []


@pytest.mark.parametrize("text", [
    "این گزارش بررسی می\u200cشود.",  # Persian: ZWNJ inside a word
    "ক্\u200dযাম্প",  # Bengali: ZWJ inside a word
    "क्\u200dष",  # Devanagari
    "اردو\u200cمیں",
])
def test_joiners_inside_words_of_scripts_that_use_them_pass(text):
    assert check_entry(Entry("x", text), "x", "fa.po") == []


@pytest.mark.parametrize("text", ["020\u200c7946", "pomoc\u200c@", "Ana\u200clyse", "\u200dبرای", "متن \u200c متن",
                                  "тек\u200dст"])
def test_joiners_anywhere_else_are_rejected(text):
    assert any("joiner" in p for p in check_entry(Entry("x", text), "x", "fa.po")), text


def test_normalise_folds_digits_and_strips_format_characters():
    assert hostile.normalise("٠٢٠\u200c\u00a0৭৯৪৬＠ｘ") == "020 7946@x"


def test_a_stray_brace_in_a_label_is_rejected():
    assert any("stray" in p for p in check_entry(Entry("Updated {date}", "Zaktualizowano {date}}"),
                                                  "Updated {date}", "pl.po"))


def set_translation(translations, folder, context, text):
    path = translations / folder / "LC_MESSAGES" / "serious-case-reviews.po"
    po = pofile.read(path)
    entries = [dataclasses.replace(e, msgstr=text) if e.context == context else e for e in po.entries]
    path.write_bytes(powrite.write([po.header_entry, *entries]))


@pytest.mark.parametrize("case", ["no-break spaces", "ZWNJ inside the digits", "international", "Arabic-Indic digits",
                                  "bare domain with a path", "e-mail with a fullwidth @", "e-mail with ZWNJ before @"])
def test_check_rejects_them_through_the_command_line(translations, monkeypatch, capsys, case):
    monkeypatch.chdir(ROOT)
    set_translation(translations, "pl", CONSIDERS, POLISH + " " + HOSTILE[case])
    assert cli.main(["check", "--lang", "pl"], project=translations.parent) == 1
    out, err = capsys.readouterr()
    assert f"[{CONSIDERS}] adds contact data not in the English" in err and "(not printed)" in err
    assert "\u200c" not in err and re.search(r"checked \d+ catalogs: 1 entries rejected", out)


def test_a_build_never_prints_them(translations, monkeypatch):
    monkeypatch.chdir(ROOT)
    set_translation(translations, "pl", CONSIDERS, POLISH + " " + HOSTILE["ZWNJ inside the digits"])
    set_translation(translations, "pl", FURTHER, "Więcej na **kingston-scr-help.com/pay** i pomoc＠kingston-help.com:")
    leaflet = content.load(SEED.relative_to(ROOT))
    (edition,), _ = build.editions_of(leaflet, ["pl"], allow_partial=True)
    assert set(edition.partial) == {"faq.what-is-scr.considers", "back.further-reading"}
    screen = next(o for o in build.make(edition) if o.format == "screen")
    text = " ".join(page_texts(screen.data))
    for hostile_text in ("7946", "0321", "kingston-scr-help", "kingston-help", "Analiza rozważa"):
        assert hostile_text not in text
    assert "A Serious Case Review considers what was done" in text  # the English stands in


def test_check_never_echoes_raw_control_bytes_to_the_terminal(translations, monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    set_translation(translations, "pl", CONSIDERS, POLISH + " \x1b[2J\x1b]0;pwned\x07 \u202e1116\u202c")
    path = translations / "pl" / "LC_MESSAGES" / "leaflet.po"
    path.write_bytes(path.read_bytes().replace(b'msgstr "Telefon"', b'msgstr "Tele\\q\x1b[31m"'))
    assert cli.main(["check", "--lang", "pl"], project=translations.parent) == 2
    out, err = capsys.readouterr()
    assert not any(c in out + err for c in "\x1b\x07\u202e\u202c")
    assert "contains control characters: U+0007 control, U+001B control, U+202C POP DIRECTIONAL FORMATTING" in err
    assert "leaflet.po:" in err and "unknown escape '\\q'" in err
