import pytest

from leaflet import content
from leaflet.catalogs import translate
from leaflet.catalogs.checks import check_entry
from leaflet.catalogs.pofile import Entry
from leaflet.errors import LeafletError

from conftest import SEED

ENGLISH = "We are required to produce an **Executive Summary**, which outlines the key findings."


def problems(text, english=ENGLISH):
    return check_entry(Entry(english, text), english, "pl.po")


def test_a_faithful_translation_passes():
    assert problems("Musimy przygotować **streszczenie**, które przedstawia najważniejsze ustalenia.") == []


@pytest.mark.parametrize("hostile, why", [
    ('Musimy <img src="/etc/passwd"> **streszczenie**.', "tags the English does not have"),
    ("Musimy [kliknij](javascript:alert(1)) **streszczenie**.", "broken markup"),
    ("Musimy przygotować streszczenie.", "markup differs"),
    ("Musimy **przygotować** **streszczenie**.", "markup differs"),
    ("Zadzwoń 020 7946 0000 po **streszczenie**.", "adds contact data"),
    ("Napisz do oszust@example.com po **streszczenie**.", "adds contact data"),
    ("Zobacz www.example.com i **streszczenie**.", "adds contact data"),
    ("Musimy \u202e1116 7458 020\u202c **streszczenie**.", "U+202E RIGHT-TO-LEFT OVERRIDE"),
    ("Musimy\x07 **streszczenie**.", "control characters"),
    ("**streszczenie** " + "bardzo " * 200, "too long"),
])
def test_hostile_translations_are_rejected(hostile, why):
    found = problems(hostile)
    assert any(why in p for p in found), found


def test_placeholders_must_match():
    assert problems("Strona {page} z {pages}", "Page {page} of {pages}") == []
    assert any("placeholders" in p for p in problems("Strona {strona}", "Page {page} of {pages}"))


def test_joiners_are_allowed_where_scripts_need_them():
    assert problems("این گزارش می\u200cشود **خلاصه**") == []


def spoil(translations, language, old, new, domain="serious-case-reviews"):
    path = translations / language / "LC_MESSAGES" / f"{domain}.po"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_rejected_and_fuzzy_entries_never_reach_the_edition(translations):
    leaflet = content.load(SEED)
    spoil(translations, "pl", 'msgstr "Analizy poważnych przypadków"', 'msgstr "<img src=\\"/etc/passwd\\">"')
    spoil(translations, "pl", 'msgctxt "serious-case-reviews:front.subtitle"\n',
          '#, fuzzy\nmsgctxt "serious-case-reviews:front.subtitle"\n')
    content_review, _ = translate.reviews(leaflet, "pl")
    assert "serious-case-reviews:front.title" not in content_review.accepted
    assert [p.context for p in content_review.rejected] == ["serious-case-reviews:front.title"]
    assert content_review.fuzzy == ("serious-case-reviews:front.subtitle",)
    with pytest.raises(LeafletError, match=r"the pl catalog is incomplete: 0 untranslated, 1 fuzzy, 1 rejected"):
        translate.edition(leaflet, "pl")
    edition = translate.edition(leaflet, "pl", allow_partial=True)
    assert edition.leaflet.title.text == "Serious Case Reviews"  # English, not the hostile text
    assert edition.leaflet.subtitle.text == "Information for parents and carers"
    assert set(edition.partial) == {"front.title", "front.subtitle"}
    assert edition.language_of(edition.leaflet.title) == ("en-GB", False)


def test_wrong_language_header_refuses_the_whole_catalog(translations):
    spoil(translations, "ur", '"Language: ur\\n"', '"Language: ar\\n"')
    with pytest.raises(LeafletError, match=r"serious-case-reviews.po:1: Language header is 'ar' but this is the "
                                           r"catalog for 'ur'"):
        translate.edition(content.load(SEED), "ur")


def test_a_stale_translation_counts_as_fuzzy(translations):
    spoil(translations, "cy", 'msgid "Information for parents and carers"', 'msgid "Information for parents"')
    content_review, _ = translate.reviews(content.load(SEED), "cy")
    assert content_review.fuzzy == ("serious-case-reviews:front.subtitle",)


def test_added_bracketed_text_is_a_warning_for_the_reviewer_not_a_rejection(translations, monkeypatch, capsys):
    from leaflet import cli

    from conftest import ROOT

    monkeypatch.chdir(ROOT)
    assert cli.main(["check", "--lang", "pl"], project=translations.parent) == 0
    err = capsys.readouterr().err.splitlines()
    gloss = [line for line in err if "[serious-case-reviews:back.further-reading]" in line]
    assert gloss == [line for line in gloss if line.startswith("warning: ")] and len(gloss) == 1
    assert gloss[0].endswith("adds bracketed text the English does not have (check it with the translator): "
                             "(wytyczne rządowe)")
    content_review, _ = translate.reviews(content.load(SEED), "pl")
    assert "serious-case-reviews:back.further-reading" in content_review.accepted  # printed as translated
