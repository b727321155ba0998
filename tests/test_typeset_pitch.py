"""One line pitch per paragraph, read from the PDF's content stream: the
baselines of the body text (glyphs at the body size, as positioned by the
operators) step down by the same amount inside a paragraph, whether or not
a line holds a Latin word in a Bengali or Gurmukhi text; and the body size
in the Tf operators is the one size reported for the whole leaflet."""
from collections import Counter
from functools import cache

import pytest

from leaflet import build, content

from conftest import SEED
from text.contentstream import pages


@cache
def screen(code: str):
    leaflet = content.load(SEED)
    editions, _ = build.editions_of(leaflet, [code])
    return build.make(editions[0])[0]


def baselines(page, size: float) -> list[float]:
    """Lines of body text on a page, top down: y values where many body-size glyphs sit."""
    ys = Counter(round(g.y, 1) for g in page.glyphs if abs(g.size - size) < 0.01)
    return sorted((y for y, n in ys.items() if n >= 8), reverse=True)


# Not Nastaliq here: its glyphs step down a word (the cascade), so a line has no one y.
@pytest.mark.parametrize("code", ["bn", "pa", "ta", "en", "ar", "ko", "zh-Hans"])
def test_line_pitch_is_steady_within_paragraphs(code):
    out = screen(code)
    size = out.body_size
    steps = []
    for page in pages(out.data)[1:-1]:  # inner pages (the back's Latin-only contact lines may differ)
        lines = baselines(page, size)
        steps += [round(a - b, 1) for a, b in zip(lines, lines[1:])]
    pitch = Counter(steps).most_common(1)[0][0]
    inside = [s for s in steps if s < pitch + 0.25 * size]  # larger steps are gaps between paragraphs
    assert len(inside) > 20
    # Lines within a paragraph, and paragraphs of one style, share the pitch;
    # the few other steps are where one paragraph ends and a one-line Latin
    # paragraph (a contact line that followed the questions) begins.
    steady = [s for s in inside if abs(s - pitch) <= 0.11]
    assert len(steady) >= 0.95 * len(inside), sorted(Counter(inside).items())


@pytest.mark.parametrize("code", ["en", "bn", "ur"])
def test_every_text_panel_is_set_at_the_one_body_size(code):
    out = screen(code)
    sizes = Counter(round(g.size, 2) for page in pages(out.data)[1:] for g in page.glyphs)
    assert sizes.most_common(1)[0][0] == out.body_size
    back = Counter(round(g.size, 2) for g in pages(out.data)[-1].glyphs)
    assert back.most_common(1)[0][0] == out.body_size  # contacts and further reading too
