"""Words longer than the line: cut between characters, every line full but
within the measure, nothing lost, and each chunk shaped once (near-linear)."""
import pytest

from leaflet import markup
from leaflet.text import lines as lines_module
from leaflet.text.lines import break_lines, prepare


def cut(text, language="en", rtl=False, width=90.0):
    overlong = []
    lines = break_lines(prepare(markup.parse(text), language, rtl), width, 11, 1.4, overlong)
    return lines, overlong


@pytest.mark.parametrize("text,language,rtl", [
    ("x" * 3000, "en", False),
    ("Kindergartenbetreuungsangelegenheiten" * 20, "de", False),
    ("الأطفال" * 200, "ar", True),
    ("before " + "w" * 400 + " after", "en", False),
])
def test_a_long_word_fills_lines_within_the_measure(text, language, rtl):
    lines, overlong = cut(text, language, rtl)
    assert overlong and max(len(w) for w in overlong) >= 400
    assert all(line.width <= 90 + 1e-6 for line in lines)
    assert "".join(line.text for line in lines).replace(" ", "") == text.replace(" ", "")
    # greedy and full: no two consecutive cut lines could have been one
    widths = [line.width for line in lines]
    assert sum(widths) / len(widths) > 90 * 0.75 or len(lines) <= 3


def test_cutting_shapes_each_chunk_about_once(monkeypatch):
    shaped = []
    real = lines_module.shape

    def counting(face, text, *args):
        shaped.append(len(text))
        return real(face, text, *args)

    monkeypatch.setattr(lines_module, "shape", counting)
    lines_module._break_lines.cache_clear()
    word = "y" * 5000
    lines, _ = cut(word)
    # the whole word once, then each chunk (and its check) once: a few times its length,
    # where reshaping what is left after every cut would be ~ length^2 / chunk
    assert sum(shaped) < 4 * len(word), sum(shaped)
    assert len(lines) > 100


def test_breaking_is_cached_and_reports_overlong_every_time():
    para = prepare(markup.parse("a " + "z" * 300), "en", False)
    first, second = [], []
    a = break_lines(para, 80, 11, 1.4, first)
    b = break_lines(para, 80, 11, 1.4, second)
    assert first == second == ["z" * 300]
    assert [l.text for l in a] == [l.text for l in b]
    a.clear()  # a caller's list is its own
    assert break_lines(para, 80, 11, 1.4)
