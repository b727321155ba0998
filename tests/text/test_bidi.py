"""Visual order of lines = the Unicode Bidirectional Algorithm's."""
import pytest
from bidi import get_display

from leaflet import markup
from leaflet.text import bidi
from leaflet.text.lines import break_lines, prepare

from .samples import SAMPLES


def visual_text(line) -> str:
    return "".join(p.text[::-1] if p.rtl else p.text for p in line.pieces)


def reference(line_text: str, spans, rtl: bool) -> str:
    """python-bidi's display order for the same line, with contact data isolated
    as the engine isolates it (LRI ... PDI), the isolates then removed."""
    isolated = line_text
    for s in spans:
        if s.is_data and s.text in isolated:
            isolated = isolated.replace(s.text, f"{bidi.LRI}{s.text}{bidi.PDI}")
    shown = get_display(isolated, base_dir="R" if rtl else "L")
    return shown.replace(bidi.LRI, "").replace(bidi.PDI, "")


@pytest.mark.parametrize("language", [k for k, v in SAMPLES.items() if v[1]] + ["en"])
@pytest.mark.parametrize("width", [240, 320, 400])  # the e-mail is 232 pt wide
def test_visual_order_equals_the_bidi_algorithm(language, width):
    text, rtl, _ = SAMPLES[language]
    spans = markup.parse(text)
    overlong = []
    lines = break_lines(prepare(spans, language, rtl), width, 11, 1.4, overlong)
    assert not overlong
    for line in lines:
        assert visual_text(line) == reference(line.text, spans, rtl)


def test_phone_number_reads_left_to_right_inside_arabic():
    spans = markup.parse("اتصل على 020 8547 6111 من فضلك")
    line = break_lines(prepare(spans, "ar", True), 400, 11, 1.4)[0]
    shown = visual_text(line)
    assert "020 8547 6111" in shown and "6111 8547 020" not in shown


def test_levels_come_from_the_bidi_engine():
    assert bidi.levels("abc", False) == (0, 0, 0)
    assert bidi.levels("abc", True) == (2, 2, 2)
    assert bidi.levels("سلام abc", False)[:4] == (1, 1, 1, 1)
    assert bidi.isolated_levels([("ب ", False), ("020", True)], True) == [1, 1, 2, 2, 2]


def test_l2_reverses_from_the_highest_level():
    assert bidi.visual_order([0, 1, 1, 0]) == [0, 2, 1, 3]
    assert bidi.visual_order([1, 2, 2, 1]) == [3, 1, 2, 0]
