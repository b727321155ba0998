"""The designed cover and back, read from rendered pixels of every edition:
a band sized to its title (no empty lower half), a foot panel that runs from
the band's gutter to the page's foot (no white void), and the contact
details in a tinted panel whose text reads at 4.5:1 or more."""
import functools

import pypdfium2 as pdfium
import pytest

from leaflet import layout
from leaflet.layout import MM, contrast

from outputs import every_output, names
from test_layout_editions import built
from conftest import SEED

SCALE = 1.0  # pixels per point


def rgb(hex_colour: str) -> tuple:
    return tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))


def near(pixel, colour, tol=6) -> bool:
    return all(abs(a - b) <= tol for a, b in zip(pixel, colour))


@functools.cache
def page_image(pdf: bytes, n: int):
    doc = pdfium.PdfDocument(pdf)
    return doc[n if n >= 0 else len(doc) + n].render(scale=SCALE).to_pil().convert("RGB")


def rows_of(image, x: int, colour) -> list[bool]:
    return [near(image.getpixel((x, y)), colour) for y in range(image.height)]


def check_cover(pdf: bytes, L: layout.Layout, what: str) -> None:
    image = page_image(pdf, 0)
    # a column inside the band's margin but left of any text: only the fields' colours
    x = int((L.band_margin + 1.5 * MM) * SCALE)
    band = rows_of(image, x, rgb(L.colours["band"]))
    tint = rows_of(image, x, rgb(L.colours["panel"]))
    band_rows = [y for y, b in enumerate(band) if b]
    tint_rows = [y for y, t in enumerate(tint) if t]
    assert band_rows and tint_rows, what
    top, band_end = band_rows[0], band_rows[-1]
    assert band_end - top + 1 == len(band_rows), f"{what}: the band is not one field"
    assert tint_rows[-1] - tint_rows[0] + 1 == len(tint_rows), f"{what}: the foot panel is not one field"
    gutter = (tint_rows[0] - band_end - 1) / SCALE
    bottom = (image.height - 1 - tint_rows[-1]) / SCALE
    # band and foot panel fill the page but for an even white margin: no void
    assert abs(gutter - L.band_margin) <= 2 and abs(bottom - L.band_margin) <= 2 and \
        abs(top / SCALE - L.band_margin) <= 2, (what, gutter, bottom, top / SCALE)
    # the band is proportioned to its title: text reaches into its lower half
    ink = [y for y in range(top, band_end) if any(
        not near(image.getpixel((xx, y)), rgb(L.colours["band"]), 40)
        for xx in range(int(L.margin_inside * SCALE), int((L.width - L.margin_outside) * SCALE), 2))]
    assert ink and ink[-1] > (top + band_end) / 2, f"{what}: the band's lower half is empty"
    # the foot panel is sized to its text: no run of empty tinted rows taller than the layout's
    # foot_gap and one body line (the white of the line boxes either side of it)
    void = foot_void(image, L, tint_rows[0], tint_rows[-1])
    allowed = L.foot_gap + L.style("body").size * L.style("body").leading
    assert void <= allowed, f"{what}: a {void / MM:.1f} mm void in the foot panel (at most {allowed / MM:.1f} mm)"


def foot_void(image, L: layout.Layout, y0: int, y1: int) -> float:
    """The tallest run of rows between y0 and y1 with no ink across the text frame, in points."""
    tint = rgb(L.colours["panel"])
    xs = range(int(L.margin_inside * SCALE), int((L.width - L.margin_outside) * SCALE))
    run = best = 0
    for y in range(y0, y1 + 1):
        run = 0 if any(not near(image.getpixel((x, y)), tint, 40) for x in xs) else run + 1
        best = max(best, run)
    return best / SCALE


def check_contact_panel(pdf: bytes, L: layout.Layout, what: str) -> None:
    """A tinted contact panel on the back, or on the page before it when the contacts had to move there."""
    panel = rgb(L.colours["panel"])

    def tinted_area(n: int) -> float:
        image = page_image(pdf, n)
        tinted = sum(1 for y in range(0, image.height, 2) for x in range(0, image.width, 4)
                     if near(image.getpixel((x, y)), panel))
        return tinted * 8 / (image.width * image.height)

    area = max(tinted_area(-1), tinted_area(-2))
    assert area > 0.04, f"{what}: no contact panel on the back ({area:.1%} tinted)"
    for fg in ("text", "heading", "link"):
        assert contrast(L.colours[fg], L.colours["panel"]) >= 4.5


@pytest.mark.parametrize("name", [n for n in names() if "flip" not in n])
def test_every_a5_edition_has_the_designed_cover_and_back(name):
    screen = every_output()[name][3]
    L = layout.load("a5-fold")
    check_cover(screen.data, L, name)
    if "+" not in name:  # bilingual backs set the contacts one under the other, in both languages
        check_contact_panel(screen.data, L, name)


@pytest.mark.parametrize("name", ["dl-trifold", "large-print"])
@pytest.mark.parametrize("code", ["en", "ur", "ar", "ta", "bn", "zh-Hans", "so"])
def test_the_new_layouts_have_the_designed_cover_and_back(code, name):
    screen = built(str(SEED), code, name)
    L = layout.load(name)
    check_cover(screen.data, L, f"{code} {name}")
    check_contact_panel(screen.data, L, f"{code} {name}")


def test_a_long_title_grows_the_band_instead_of_failing(write_content):
    from leaflet import content, edition
    from leaflet.typeset import document, story

    L = layout.load("a5-fold")
    path = write_content(lambda d: d["front"].update(title="A very long title, " * 8 + "that needs many lines in the band of the cover"))
    also = ("ar", "bn", "cy", "fa", "ko", "pa", "pl", "ro", "so", "ta", "ur", "zh-Hans")  # the seed's languages grid
    ed = edition.english(content.load(path), also=also)
    assert story.band_height(ed, L) > L.band_height + 10 * MM
    seed = edition.english(content.load(SEED), also=also)
    assert document.frame_sizes(ed, L)["band"][1] > document.frame_sizes(seed, L)["band"][1]


def test_the_band_takes_the_room_the_foot_panel_leaves():
    """A cover with a short foot panel (one language, one organisation) has a taller band, not a
    void under its text; the band never passes seven tenths of the page."""
    from leaflet import content, edition
    from leaflet.typeset import story

    L = layout.load("a5-fold")
    few, many = (edition.english(content.load(SEED), also=also) for also in (("ur",), ("ar", "bn", "cy", "fa", "ko", "pa", "pl", "ur")))
    assert story.band_height(few, L) > story.band_height(many, L) > L.band_height
    assert story.band_height(edition.english(content.load(SEED)), L) <= L.height * 0.7


def grid_baselines(pdf: bytes, names: list[str]) -> list[float]:
    """The baselines (pdfium's glyph origins, points from the page's foot) of the rows of the
    languages grid on page 1, read from the Latin letters of the names found there."""
    import unicodedata

    page = pdfium.PdfDocument(pdf)[0]
    text = page.get_textpage()
    whole = text.get_text_range()
    ys = []
    for name in names:
        at = whole.rfind(name)
        if at < 0 or not unicodedata.name(name[0], "").startswith("LATIN"):
            continue
        ys.append(pdfium_c_origin(text, at))
    rows: list[float] = []
    for y in sorted(ys, reverse=True):
        if not rows or rows[-1] - y > 2:
            rows.append(y)
        else:
            assert abs(rows[-1] - y) < 0.5, f"names in one row on different baselines: {rows[-1]} {y}"
    return rows


def pdfium_c_origin(text, index: int) -> float:
    import ctypes

    import pypdfium2.raw as raw
    x, y = ctypes.c_double(), ctypes.c_double()
    raw.FPDFText_GetCharOrigin(text.raw, index, x, y)
    return y.value


@pytest.mark.parametrize("name", ["a5-fold", "large-print", "dl-trifold"])
@pytest.mark.parametrize("code", ["en", "ur", "bn", "ta"])
def test_every_row_of_the_languages_grid_has_one_pitch(code, name):
    """Urdu's Nastaliq name is taller than the others: its row keeps the grid's one pitch."""
    from leaflet import build, content
    from leaflet.catalogs import languages

    screen = built(str(SEED), code, name)
    editions, _ = build.editions_of(content.load(SEED), ["all"])
    also = next(e for e in editions if e.code == code).also
    rows = grid_baselines(screen.data, [languages.get(c).native_name for c in also])
    assert len(rows) == -(-len(also) // 4), (code, name, rows)
    pitches = [a - b for a, b in zip(rows, rows[1:])]
    assert max(pitches) - min(pitches) <= 0.5, f"{code} {name}: uneven grid rows {pitches}"
    # a tall script's name set on the grid's line does not run into the names above or below it
    boxes = name_boxes(screen.data, [languages.get(c).native_name for c in also])
    for i, (a, ta) in enumerate(boxes):
        for b, tb in boxes[i + 1:]:
            overlap = min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])
            assert not overlap, f"{code} {name}: the ink of {ta} and {tb} overlaps"


def name_boxes(pdf: bytes, names: list[str]) -> list[tuple[tuple, str]]:
    """Each name's ink box on page 1 (the union of pdfium's glyph boxes), with the name; a name
    pdfium's text gives in another order (a left-to-right run on a right-to-left page) is left out."""
    text = pdfium.PdfDocument(pdf)[0].get_textpage()
    whole = text.get_text_range()
    out = []
    for name in names:
        at = whole.rfind(name)
        if at < 0:
            continue
        boxes = [text.get_charbox(i) for i in range(at, at + len(name)) if not whole[i].isspace()]
        out.append(((min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes),
                     max(b[3] for b in boxes)), name))
    return out
