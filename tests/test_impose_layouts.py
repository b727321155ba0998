"""Imposition of the new layouts: a DL roll fold (three panels a side) and
large print (one A4 page a side), read from the print files as written and
as rendered, left to right and right to left."""
import functools
import io

import pypdfium2 as pdfium
import pytest
from PIL import ImageChops, ImageStat
from pypdf import PdfReader

from leaflet import build, content, layout
from leaflet.impose import SHEET_H, SHEET_W, side_order
from leaflet.layout import MM

from conftest import SEED
from test_impose import placed_pages


def roll_fold(outside, inside):
    """Fold a printed roll-fold sheet as the leaflet is folded and say which
    page a reader meets in turn. Flip on the short edge: the panel behind
    outside position i is inside position 2 - i. The cover is the outside's
    last panel (first, right to left); the flap is the outside panel at the
    other end, folded in first."""
    behind = {outside[i]: inside[2 - i] for i in range(3)}
    rtl = outside[0] == 1
    front = outside[0] if rtl else outside[2]
    flap = outside[2] if rtl else outside[0]
    back = outside[1]
    spread = inside[::-1] if rtl else inside  # read from the bound (cover's) side
    return {"front": front, "flap": flap, "back": back, "behind front": behind[front],
            "behind flap": behind[flap], "spread": list(spread)}


@pytest.mark.parametrize("rtl", [False, True])
def test_a_roll_fold_reads_front_flap_spread_back(rtl):
    outside, inside = side_order(6, "roll-fold", rtl)
    folded = roll_fold(outside, inside)
    # front, then the flap seen on opening it, the three inside panels, the back
    assert folded == {"front": 1, "flap": 2, "back": 6, "behind front": 3, "behind flap": 5, "spread": [3, 4, 5]}


def test_roll_fold_sides_written_out():
    assert side_order(6, "roll-fold") == [(2, 6, 1), (3, 4, 5)]
    assert side_order(6, "roll-fold", rtl=True) == [(1, 6, 2), (5, 4, 3)]
    assert side_order(6, "duplex") == [(1,), (2,), (3,), (4,), (5,), (6,)]
    for pages, imposition in ((8, "roll-fold"), (0, "roll-fold"), (5, "duplex")):
        with pytest.raises(ValueError):
            side_order(pages, imposition)


@functools.cache
def outputs(code: str, name: str):
    leaflet = content.load(SEED)
    editions, _ = build.editions_of(leaflet, [code])
    return build.make(editions[0], layout.load(name))


CASES = [("en", "dl-trifold"), ("ur", "dl-trifold"), ("ar", "dl-trifold"), ("en", "large-print"),
         ("ur", "large-print"), ("en", "a4-sheet"), ("ur", "a4-sheet"), ("ar", "a4-sheet")]


@pytest.mark.parametrize("code, name", CASES)
def test_each_printed_panel_is_the_screen_page_it_should_be(code, name):
    screen, printed = outputs(code, name)
    L = layout.load(name)
    rtl = code in ("ar", "ur", "fa")
    expected = [list(side) for side in side_order(screen.pages, L.imposition, rtl)]
    # the objects: each Form placed is the screen page's content, none turned
    assert placed_pages(printed.data, screen.data) == [[(p, False) for p in side] for side in expected]
    reader = PdfReader(io.BytesIO(printed.data))
    size = (SHEET_W, SHEET_H) if L.imposition != "duplex" else (SHEET_H, SHEET_W)
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(size)
        assert "/Annots" not in page
    duplex = reader.trailer["/Root"]["/ViewerPreferences"]["/Duplex"]
    assert duplex == ("/DuplexFlipLongEdge" if L.imposition == "duplex" else "/DuplexFlipShortEdge")
    # the pixels: each panel of each rendered side looks like its page, and like no other
    pages = [p.render(scale=0.5).to_pil().convert("L").resize((50, 106)) for p in pdfium.PdfDocument(screen.data)]
    for side, sheet in zip(expected, pdfium.PdfDocument(printed.data)):
        image = sheet.render(scale=0.5).to_pil().convert("L")
        w, h = image.size
        panel = w / len(side)
        for i, page in enumerate(side):
            part = image.crop((round(i * panel), 0, round((i + 1) * panel), h)).resize((50, 106))
            diffs = [ImageStat.Stat(ImageChops.difference(part, p)).mean[0] for p in pages]
            assert diffs.index(min(diffs)) == page - 1, (code, name, side, diffs)


@pytest.mark.parametrize("code, name", CASES)
def test_no_ink_near_the_sheet_edge_and_marks_on_both_folds(code, name):
    _, printed = outputs(code, name)
    L = layout.load(name)
    scale, edge = 2, int(5 * MM * 2)
    for n, sheet in enumerate(pdfium.PdfDocument(printed.data), 1):
        image = sheet.render(scale=scale).to_pil().convert("L")
        w, h = image.size
        strips = [image.crop(b) for b in ((0, 0, w, edge), (0, h - edge, w, h), (0, 0, edge, h), (w - edge, 0, w, h))]
        assert min(s.getextrema()[0] for s in strips) >= 250, f"{code} {name} side {n}: ink within 5 mm of the edge"
        if L.imposition == "roll-fold":  # a fold mark at the top of each of the two folds, 99 and 198 mm in
            y = int((L.fold_mark_edge + L.fold_mark_length / 2) * scale)
            for x in (99 * MM, 198 * MM):
                row = [image.getpixel((int(x * scale) + dx, y)) for dx in (-1, 0, 1)]
                assert min(row) < 230, f"{code} {name} side {n}: no fold mark at {x / MM:.0f} mm"
