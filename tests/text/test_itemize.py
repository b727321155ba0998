"""Scripts, fonts and fallback; the glyph coverage check."""
import pytest

from leaflet import markup
from leaflet.errors import LeafletError
from leaflet.text.itemize import MissingGlyphs, itemize

from .samples import SAMPLES


@pytest.mark.parametrize("language", sorted(SAMPLES))
def test_each_script_gets_its_own_font(language):
    text, rtl, script = SAMPLES[language]
    items = itemize(markup.parse(text), language, rtl)
    assert any(i.script == script for i in items)
    for item in items:
        assert all(item.face.has(c) or not c.isprintable() for c in item.text), item


def test_latin_email_and_at_sign_inside_arabic_use_the_latin_font():
    items = itemize(markup.parse("راسلونا على safeguarding.children@rbk.kingston.gov.uk شكرا"), "ar", True)
    email = next(i for i in items if "@" in i.text)
    assert email.text == "safeguarding.children@rbk.kingston.gov.uk"
    assert email.face.family == "noto-sans" and email.level % 2 == 0
    assert {i.face.family for i in items if i.script == "Arab"} == {"noto-naskh-arabic"}


def test_urdu_uses_nastaliq_and_farsi_uses_naskh():
    ur = itemize(markup.parse("معلومات"), "ur", True)
    fa = itemize(markup.parse("گزارش"), "fa", True)
    assert ur[0].face.family == "noto-nastaliq-urdu" and fa[0].face.family == "noto-naskh-arabic"


def test_zwnj_and_marks_stay_in_their_base_run():
    items = itemize(markup.parse("می\u200cشود"), "fa", True)
    assert len(items) == 1
    items = itemize(markup.parse("কর্মী"), "bn", False)
    assert len(items) == 1


def test_fallback_never_splits_a_word_into_boxes():
    # '£' is not in the Bengali font: it falls back to Noto Sans, the letters stay
    items = itemize(markup.parse("মূল্য £20"), "bn", False)
    assert [(i.text, i.face.family) for i in items if i.text.strip()] == [
        ("মূল্য ", "noto-sans-bengali"), ("£20", "noto-sans")] or all(i.face.has(c) for i in items for c in i.text if c.strip())


def test_a_character_no_font_has_is_named_with_the_fonts_tried():
    with pytest.raises(MissingGlyphs) as exc:
        itemize(markup.parse("Hello \U0001F600 and \u13A0"), "en", False)
    message = str(exc.value)
    assert "U+1F600 GRINNING FACE" in message and "U+13A0 CHEROKEE LETTER A" in message
    assert "NotoSans-Regular.ttf" in message and "NotoSansBengali-Regular.ttf" in message


def test_typeset_refuses_an_edition_with_a_missing_glyph(write_content):
    from leaflet import content, edition, layout
    from leaflet.typeset import typeset

    path = write_content(lambda d: d["sections"][1]["answer"][0].__setitem__("text", "A review \u13A0."))
    leaflet = content.load(path)
    with pytest.raises(LeafletError) as exc:
        typeset(edition.english(leaflet), layout.load(leaflet.layout))
    message = str(exc.value)
    assert "block faq.what-is-scr.looks-at" in message and "U+13A0 CHEROKEE LETTER A" in message
    assert "[en-GB]" in message and exc.value.line
