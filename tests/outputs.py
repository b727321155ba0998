"""Every file `generate.py build --lang all --bilingual <form>` writes for the
seed leaflet, made once per test session: the 13 editions and each
translation beside English in the three bilingual forms."""
from __future__ import annotations

import functools

from leaflet import build, content

from conftest import SEED

FORMS = ("parallel", "blocks", "flip")


@functools.cache
def every_output() -> dict[str, tuple]:
    """name ('ur', 'ur+en flip'...) -> (first edition, second edition or None, form, screen, print)."""
    leaflet = content.load(SEED)
    editions, _ = build.editions_of(leaflet, ["all"])
    english = next(e for e in editions if e.is_english)
    out = {}
    for e in editions:
        screen, printed = build.make(e)
        out[e.code] = (e, None, None, screen, printed)
        if e.is_english:
            continue
        for form in FORMS:
            screen, printed = build.make_bilingual(e, english, form)
            out[f"{e.code}+en {form}"] = (e, english, form, screen, printed)
    return out


def names() -> list[str]:
    """The keys of every_output(), without building (for parametrize)."""
    from leaflet.catalogs import review
    codes = ["en"] + review.available("serious-case-reviews")
    return codes + [f"{c}+en {f}" for c in codes[1:] for f in FORMS]
