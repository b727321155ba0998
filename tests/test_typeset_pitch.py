"""One line pitch per paragraph, read from the PDF's content stream: the
baselines of the body text (glyphs at the body size, as positioned by the
operators) step down by the same amount inside a paragraph, whether or not
a line holds a Latin word in a Bengali or Gurmukhi text; and the body size
in the Tf operators is the one size reported for the whole leaflet (times
its family's optical scale in fonts.yaml, for Gurmukhi and Arabic text)."""
from collections import Counter
from functools import cache

import pytest

from leaflet import build, content

from conftest import SEED
from text import scales
from text.contentstream import pages

SCRIPT = {"bn": "Beng", "pa": "Guru", "ta": "Taml", "en": "Latn", "ar": "Arab", "fa": "Arab", "ur": "Arab",
          "ko": "Hang", "zh-Hans": "Hani"}


def drawn_sizes(code: str, size: float) -> set[float]:
    """The sizes body text is drawn at: the body size, and the body size at
    the optical scale of the edition's script (read from fonts.yaml)."""
    return {size, round(size * scales.of_script(SCRIPT[code], code), 3)}


@cache
def screen(code: str):
    leaflet = content.load(SEED)
    editions, _ = build.editions_of(leaflet, [code])
    return build.make(editions[0])[0]


def baselines(page, sizes: set[float]) -> list[float]:
    """Lines of body text on a page, top down: y values where many body-size glyphs sit."""
    ys = Counter(round(g.y, 1) for g in page.glyphs if any(abs(g.size - s) < 0.01 for s in sizes))
    return sorted((y for y, n in ys.items() if n >= 8), reverse=True)


# Not Nastaliq here: its glyphs step down a word (the cascade), so a line has no one y.
@pytest.mark.parametrize("code", ["bn", "pa", "ta", "en", "ar", "fa", "ko", "zh-Hans"])
def test_line_pitch_is_steady_within_paragraphs(code):
    out = screen(code)
    size = out.body_size
    steps = []
    for page in pages(out.data)[1:-1]:  # inner pages (the back's Latin-only contact lines may differ)
        lines = baselines(page, drawn_sizes(code, size))
        steps += [round(a - b, 1) for a, b in zip(lines, lines[1:])]
    pitch = Counter(steps).most_common(1)[0][0]
    inside = [s for s in steps if s < pitch + 0.25 * size]  # larger steps are gaps between paragraphs
    assert len(inside) > 20
    # Lines within a paragraph, and paragraphs of one style, share the pitch;
    # the few other steps are where one paragraph ends and a one-line Latin
    # paragraph (a contact line that followed the questions) begins.
    steady = [s for s in inside if abs(s - pitch) <= 0.11]
    assert len(steady) >= 0.95 * len(inside), sorted(Counter(inside).items())


@pytest.mark.parametrize("code", ["en", "bn", "ur", "pa", "ar"])
def test_every_text_panel_is_set_at_the_one_body_size(code):
    out = screen(code)
    body = round(out.body_size * scales.of_script(SCRIPT[code], code), 2)  # the edition's script, at its scale
    sizes = Counter(round(g.size, 2) for page in pages(out.data)[1:] for g in page.glyphs)
    assert sizes.most_common(1)[0][0] == body
    back = Counter(round(g.size, 2) for g in pages(out.data)[-1].glyphs)
    assert back.most_common(1)[0][0] in (body, out.body_size)  # contacts (Latin) and further reading too
