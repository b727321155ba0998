"""No break inside a number and what it belongs to, and no lone short word
on a paragraph's last line: read from the break offsets, the lines, and the
lines of text pypdfium2 reads back from the built PDFs."""
from functools import cache

import pypdfium2 as pdfium
import pytest

from leaflet import build, content
from leaflet.markup import Span
from leaflet.text.breaking import opportunities
from leaflet.text.lines import break_lines, prepare

from conftest import SEED


def pieces(text: str, language: str = "en") -> list[str]:
    cuts = sorted(opportunities(text, language))
    return [text[a:b].strip() for a, b in zip([0, *cuts], [*cuts, len(text)])]


@pytest.mark.parametrize("text, language, together", [
    ("Please call 0808 157 0123 before noon.", "en", "0808 157 0123"),
    ("Working Together, 2006 – Chapter 8, which you", "en", "Chapter 8,"),
    ("a Section 47 enquiry", "en", "Section 47"),
    ("open from 10 am until 4 pm", "en", "10 am"),
    ("open from 10 am until 4 pm", "en", "4 pm"),
    ("last updated 26 November 2026.", "en", "26 November 2026."),
    ("She will tell you within 28 days of the meeting.", "en", "28 days"),  # a number and its unit of time
    ("The chair will reply within 10 working days.", "en", "within 10"),
    ("a plan reviewed every 6 weeks", "en", "6 weeks"),
    ("ostatnia zmiana: 26 listopada 2026", "pl", "26 listopada 2026"),
    ("《共同努力保护儿童》（2006 年）第 8 章", "zh-Hans", "（2006 年）"),
    ("2006年的第8章", "zh-Hans", "2006年"),
    ("2006年的第8章", "zh-Hans", "第8章"),
])
def test_a_number_stays_with_what_it_belongs_to(text, language, together):
    assert any(together in p for p in pieces(text, language)), pieces(text, language)


def test_ordinary_words_still_break():
    assert pieces("see Chapter 8 of it, from 10 am to 5 pm") == \
        ["see", "Chapter 8", "of", "it,", "from 10 am", "to", "5 pm"]


def lines(text: str, width: float, language: str = "en") -> list[str]:
    return [line.text for line in break_lines(prepare((Span(text),), language, False), width, 11, 1.36)]


def test_a_lone_short_word_takes_the_word_before_it():
    text = "We want to make sure the services we provide are of the best possible quality."
    for width in range(140, 320, 5):
        out = lines(text, width)
        if len(out) > 1:
            assert len(out[-1].split()) >= 2, (width, out)


def test_a_long_last_word_may_stand_alone():
    text = "Everything about this is described in the accompanying documentation internationalisation"
    assert lines(text, 200)[-1] == "internationalisation"


PROTECTED = {"en": ["Chapter 8", "020 8547 6111"], "pl": ["8"], "zh-Hans": ["2006 年", "2006年"]}


@cache
def screen_lines(code: str) -> list[str]:
    leaflet = content.load(SEED)
    editions, _ = build.editions_of(leaflet, [code])
    pdf = pdfium.PdfDocument(build.make(editions[0])[0].data)
    out = []
    for page in pdf:
        text = page.get_textpage().get_text_range()
        out += [line.strip() for line in text.replace("\r\n", "\n").split("\n") if line.strip()]
    return out


@pytest.mark.parametrize("code", ["en", "pl", "ro", "so", "zh-Hans", "ko", "bn"])
def test_no_line_ends_before_the_number_it_belongs_to(code):
    ls = screen_lines(code)
    assert len(ls) > 40
    for a, b in zip(ls, ls[1:]):
        assert not (a.split()[-1] in ("Chapter", "Section", "Rozdział", "rozdział") and b[:1].isdigit()), (a, b)
        assert not (a.split()[-1].isdigit() and b.split()[0] in ("年", "年）", "am", "pm")), (a, b)
        assert not (a[-1:].isdigit() and b[:1].isdigit() and a.split()[-1][:1].isdigit()), (a, b)  # a phone number
