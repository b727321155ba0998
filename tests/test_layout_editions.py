"""Every edition of the seed leaflet, some bilingual forms and the example
leaflets under each new layout: built, text inside the page's frames (read
from pypdfium2's character boxes of the PDF as written), large print at
16 pt or more for every character."""
import functools

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from leaflet import build, content, layout
from leaflet.catalogs import review
from leaflet.layout import MM

from conftest import ROOT, SEED

LAYOUTS = ("dl-trifold", "large-print", "a4-sheet")
CODES = ["en"] + review.available("serious-case-reviews")
EXAMPLES = sorted(p for p in (ROOT / "content").glob("*.yaml") if p != SEED)


@functools.cache
def built(path: str, code: str, name: str, form: str | None = None):
    leaflet = content.load(path)
    editions, _ = build.editions_of(leaflet, [code] if code == "en" else ["en", code])
    L = layout.load(name)
    edition = editions[-1]
    if form:
        return build.make_bilingual(edition, editions[0], form, L)[0]
    return build.make(edition, L)[0]


def characters(pdf: bytes):
    """(page number, char, (left, bottom, right, top), font size) of every printed character."""
    doc = pdfium.PdfDocument(pdf)
    for n in range(len(doc)):
        text = doc[n].get_textpage()
        for i in range(text.count_chars()):
            ch = text.get_text_range(i, 1)
            if ch.isspace() or not ch:
                continue
            yield n + 1, ch, text.get_charbox(i), pdfium_c.FPDFText_GetFontSize(text.raw, i)


def check_inside(pdf: bytes, L: layout.Layout, what: str, tol: float = 2.0) -> None:
    side = min(L.margin_inside, L.margin_outside)
    # tol: a glyph's ink may pass its line box a little (Nastaliq's swash, an accent)
    for page, ch, (left, bottom, right, top), _ in characters(pdf):
        assert side - tol <= left and right <= L.width - side + tol, \
            f"{what} p.{page}: {ch!r} at x {left:.1f}..{right:.1f} outside the {L.width:.0f} pt page's frames"
        assert 5 * MM <= bottom and top <= L.height - L.margin_top + tol, \
            f"{what} p.{page}: {ch!r} at y {bottom:.1f}..{top:.1f} outside the frames"


@pytest.mark.parametrize("name", LAYOUTS)
@pytest.mark.parametrize("code", CODES)
def test_every_edition_builds_inside_its_frames(code, name):
    screen = built(str(SEED), code, name)
    L = layout.load(name)
    assert screen.pages in L.page_counts()
    assert L.body_minimum <= screen.body_size <= L.body_maximum
    assert screen.path.name.endswith(f".{name}.screen.pdf")
    check_inside(screen.data, L, f"{code} {name}")
    if L.text_floor:  # large print: every character, footers and contact lines too
        small = {(p, round(s, 2)) for p, _, _, s in characters(screen.data) if s < L.text_floor - 0.01}
        assert not small, f"{code} {name}: text under {L.text_floor} pt: {sorted(small)[:5]}"


@pytest.mark.parametrize("code, name, form", [
    ("ur", "large-print", "blocks"), ("bn", "large-print", "parallel"), ("zh-Hans", "large-print", "blocks"),
    ("so", "large-print", "parallel"), ("ar", "large-print", "parallel"),
    # a4-sheet: every translation in both forms is in test_typeset_columns
    ("zh-Hans", "a4-sheet", "parallel"), ("bn", "a4-sheet", "blocks")])
def test_bilingual_forms_build_inside_their_frames(code, name, form):
    screen = built(str(SEED), code, name, form)
    L = layout.load(name)
    assert screen.path.name == f"serious-case-reviews.{code}+en.{name}.screen.pdf"
    check_inside(screen.data, L, f"{code}+en {form} {name}")
    text = "".join(ch for _, ch, _, _ in characters(screen.data))
    assert all(w in text for w in ("Serious", "Reviews", "parents", "Kingston"))  # the English is there beside the translation


def test_a_dl_leaflet_of_one_sheet_has_no_room_for_two_languages(tmp_path):
    # six 99 mm panels hold the seed once: twice, a DL that may not take a
    # second sheet (its layout's data) says so and writes nothing
    from test_layout_geometry import run, spoiled
    one_sheet, _ = spoiled(tmp_path, "dl-trifold", "pages: {start: 6, step: 6, most: 12}",
                           "pages: {start: 6, step: 0, most: 6}")
    out = tmp_path / "out"
    done = run("build", SEED, "--lang", "pl", "--bilingual", "parallel", "--layout", one_sheet, "--out", out)
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip().splitlines() == [
        f"error: {SEED.relative_to(ROOT)}: [pl+en] the two languages do not fit in 6 pages of the dl-trifold layout, "
        "even at its smallest body size (9 pt): build each language on its own in this layout, or the bilingual "
        "edition in a layout that can grow (a5-fold, a4-sheet)"]
    assert not list(out.rglob("*.pdf"))


@pytest.mark.parametrize("name", LAYOUTS)
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_the_example_leaflets_build_under_each_layout(path, name):
    screen = built(str(path), "en", name)
    L = layout.load(name)
    check_inside(screen.data, L, f"{path.stem} {name}")
    if L.text_floor:
        sizes = {round(s, 2) for _, _, _, s in characters(screen.data)}
        assert min(sizes) >= L.text_floor - 0.01, f"{path.stem}: text at {min(sizes)} pt in large print"
