"""Common punctuation is set in the font of the text around it, and a pair of
quotes or brackets in one font: read from the PDF, glyph by glyph (which font
draws it, and what its ToUnicode says it is)."""
import unicodedata

import pytest

from leaflet import build, content, markup
from leaflet.text.itemize import itemize

from . import contentstream as cs
from .test_drawn_pdf import SEED

PAIRS = {"“": "”", "‘": "’", "（": "）", "(": ")", "«": "»", "「": "」", "《": "》"}


@pytest.fixture(scope="module")
def screens():
    leaflet = content.load(SEED)
    eds, _ = build.editions_of(leaflet, ["zh-Hans", "ko", "ur", "ar", "pl"])
    return {e.code: build.make(e)[0].data for e in eds}


def drawn(pdf: bytes):
    """(page, line, text, font) of every glyph, left to right within a line."""
    out = []
    for n, page in enumerate(cs.pages(pdf)):
        for g in page.glyphs:
            out.append((n, page.lines[g.run], g.font.to_unicode.get(g.code, ""), g.font.base, g.x))
    return out


def test_fullwidth_punctuation_in_chinese_is_set_in_the_chinese_font(screens):
    marks = [(t, f) for _, _, t, f, _ in drawn(screens["zh-Hans"])
             if t and all(0x3000 <= ord(c) <= 0x303F or 0xFF00 <= ord(c) <= 0xFFEF for c in t)]
    assert len(marks) > 50 and {t for t, _ in marks} >= {"（", "）", "，", "。"}
    assert {f for _, f in marks} <= {"NotoSansCJKsc-Regular", "NotoSansCJKsc-Bold"}, \
        sorted({(t, f) for t, f in marks if "CJKsc" not in f})


@pytest.mark.parametrize("code", ["zh-Hans", "ko", "ur", "ar", "pl"])
def test_each_pair_of_quotes_or_brackets_comes_from_one_font(screens, code):
    lines: dict = {}
    for page, line, text, font, x in drawn(screens[code]):
        lines.setdefault((page, line), []).append((text, font))
    pairs = 0
    for glyphs in lines.values():
        for opener, closer in PAIRS.items():
            fonts_open = [f for t, f in glyphs if t == opener]
            fonts_close = [f for t, f in glyphs if t == closer]
            if fonts_open and fonts_close:
                pairs += 1
                assert set(fonts_open) == set(fonts_close), (code, opener, fonts_open, fonts_close)
    assert pairs > 0


def test_quotes_around_english_inside_urdu_are_both_the_latin_font(screens):
    quotes = {(t, f) for _, _, t, f, _ in drawn(screens["ur"]) if t in "“”"}
    assert quotes == {("“", "NotoSans-Regular"), ("”", "NotoSans-Regular")}


@pytest.mark.parametrize("text, language, rtl, expected", [
    # a bracket between Chinese and Latin: the Chinese font has it, the Latin one does not
    ("委员会（Kingston Board，KSCB）在", "zh-Hans", False,
     [("委员会（", "noto-sans-sc"), ("Kingston Board", "noto-sans"), ("，", "noto-sans-sc"), ("KSCB", "noto-sans"),
      ("）在", "noto-sans-sc")]),
    ("LSCB（地方）汇集", "zh-Hans", False, [("LSCB", "noto-sans"), ("（地方）汇集", "noto-sans-sc")]),
    # quotes take what they enclose, and the closing one its opener's font
    ("جو “Every Child” ویب", "ur", True,
     [("جو ", "noto-nastaliq-urdu"), ("“", "noto-sans"), ("Every Child", "noto-sans"), ("” ", "noto-sans"),
      ("ویب", "noto-nastaliq-urdu")]),
    ("“안녕” 하세요", "ko", False, [("“안녕” 하세요", "noto-sans-kr")]),
])
def test_common_punctuation_takes_the_font_of_its_neighbours(text, language, rtl, expected):
    items = itemize(markup.parse(text), language, rtl)
    assert [(i.text, i.face.family) for i in items] == expected
