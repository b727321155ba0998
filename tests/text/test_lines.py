"""Line breaking on shaped widths, by UAX #14 with the leaflet tailorings."""
import pytest

from leaflet import markup
from leaflet.text import breaking
from leaflet.text.lines import break_lines, prepare

from .samples import SAMPLES

CLOSING = set("。，、；：？！）」』》”’")


def lines_of(text, language, width, rtl=False):
    return break_lines(prepare(markup.parse(text), language, rtl), width, 11, 1.4)


@pytest.mark.parametrize("language", sorted(SAMPLES))
def test_lines_fit_and_keep_every_character(language):
    text, rtl, _ = SAMPLES[language]
    for width in (60, 110, 180):
        overlong = []
        para = prepare(markup.parse(text), language, rtl)
        lines = break_lines(para, width, 11, 1.4, overlong)
        if not overlong:
            assert all(line.width <= width + 1e-6 for line in lines)
        assert "".join(line.text for line in lines).replace(" ", "") == text.replace(" ", "")


def test_english_breaks_only_between_words():
    text = "We will make sure that there is someone who can help you to do this."
    for width in range(60, 300, 17):
        for line in lines_of(text, "en", width):
            assert line.text == line.text.strip()
            assert f" {line.text} " in f" {text} "


def test_chinese_breaks_between_characters_but_never_before_closing_punctuation():
    text = "我们会确保有人可以帮助您做到这一点。您不必做任何事情，但如果您愿意，您将有机会对服务发表意见。"
    for width in range(40, 200, 9):
        lines = lines_of(text, "zh-Hans", width)
        assert len(lines) > 1 or width > 150
        assert not any(line.text[0] in CLOSING for line in lines)
        assert "".join(l.text for l in lines) == text


def test_korean_breaks_at_spaces_only():
    text = "귀하께서는 아무것도 하실 필요가 없습니다. 그러나 원하시면 서비스에 대한 의견을 말씀하실 수 있습니다."
    words = set(text.split())
    for width in range(60, 220, 13):
        for line in lines_of(text, "ko", width):
            assert set(line.text.split()) <= words


def test_phone_numbers_and_emails_never_break():
    text = "Please call 020 8547 6111 or write to safeguarding.children@rbk.kingston.gov.uk today."
    for width in range(75, 320, 7):  # the number is 72 pt wide, the e-mail 232 pt
        lines = [l.text for l in lines_of(text, "en", width)]
        assert any("020 8547 6111" in l for l in lines)
        if width >= 232:
            assert any("safeguarding.children@rbk.kingston.gov.uk" in l for l in lines)


def test_web_address_breaks_only_after_a_slash():
    assert breaking.data_opportunities("https://www.dcsf.gov.uk/everychildmatters/safe", "url") == {24, 42}
    assert breaking.data_opportunities("020 8547 6111", "phone") == set()


def test_a_word_longer_than_the_line_is_split_and_reported():
    overlong = []
    lines = break_lines(prepare(markup.parse("A Kindergartenbetreuungsangelegenheiten word"), "en", False), 80, 11,
                        1.4, overlong)
    assert overlong == ["Kindergartenbetreuungsangelegenheiten"]
    assert all(l.width <= 80 + 1e-6 for l in lines)


def test_nastaliq_lines_are_as_tall_as_the_font_needs():
    text, rtl, _ = SAMPLES["ur"]
    lines = lines_of(text, "ur", 120, rtl=True)
    face = next(p.item.face for p in lines[0].pieces if "Nastaliq" in p.item.face.name)
    assert all(l.height >= (face.ascender + face.descender) * 11 - 1e-6 for l in lines)
    assert lines[0].height > 11 * 2.2  # far more than the 1.4 leading Latin uses


def test_a_scaled_family_is_measured_at_its_scale():
    # Widths come from HarfBuzz's advances at size x the family's scale in
    # fonts.yaml (read here with PyYAML), so lines break where the drawn text ends.
    import uharfbuzz as hb
    from . import scales
    text = "ਮਾਪਿਆਂ ਅਤੇ ਦੇਖਭਾਲ"
    para = prepare(markup.parse(text), "pa", False)
    scale = scales.of_file("NotoSansGurmukhi-Regular.ttf")
    assert scale > 1
    for piece in para.pieces:
        face = piece.item.face
        font = hb.Font(hb.Face(hb.Blob.from_file_path(str(face.path))))
        buf = hb.Buffer()
        buf.add_str(piece.text)
        buf.guess_segment_properties()
        hb.shape(font, buf, {"kern": True, "liga": True})
        advance = sum(p.x_advance for p in buf.glyph_positions)
        assert abs(piece.width(11) - advance * 11 * scale / face.upem) < 1e-6
    line, = lines_of(text, "pa", 400)
    assert abs(line.width - sum(p.width(11) for p in line.pieces)) < 1e-6


def test_a_scaled_tall_script_gets_the_room_of_its_scaled_font_on_every_line():
    from . import scales
    text, rtl, _ = SAMPLES["ar"]
    lines = lines_of(text, "ar", 120, rtl=True)
    face = next(p.item.face for l in lines for p in l.pieces if "Naskh" in p.item.face.name)
    scale = scales.of_file(face.path.name)
    assert scale > 1
    need = (face.ascender + face.descender) * scale * 11
    assert all(abs(l.height - need) < 1e-6 for l in lines)  # one pitch: the scaled font's own height
    assert all(l.ascent >= face.ascender * scale * 11 - 1e-6 for l in lines)
