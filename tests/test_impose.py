import functools
import io

import pypdfium2 as pdfium
import pytest
from PIL import ImageChops, ImageStat
from pypdf import PdfReader
from pypdf.generic import ContentStream

from leaflet import content, edition, layout
from leaflet.impose import SHEET_H, SHEET_W, flip_order, impose, sheet_order
from leaflet.layout import MM
from leaflet.typeset import typeset

from outputs import every_output, names
from test_typeset import more_sections


def folded_reading_order(sides):
    """Fold each sheet in half, nest sheet 0 outermost, and read the leaves."""
    sheets = [(sides[i], sides[i + 1]) for i in range(0, len(sides), 2)]
    right_leaves = [(outside[1], inside[0]) for outside, inside in sheets]  # front, back
    left_leaves = [(inside[1], outside[0]) for outside, inside in sheets]
    order = []
    for front, back in right_leaves + left_leaves[::-1]:
        order += [front, back]
    return order


def test_four_pages_on_one_sheet():
    assert sheet_order(4) == [(4, 1), (2, 3)]


@pytest.mark.parametrize("pages", [4, 8, 12, 16])
def test_folded_and_nested_sheets_read_one_to_n(pages):
    assert folded_reading_order(sheet_order(pages)) == list(range(1, pages + 1))


def test_right_to_left_sheets_are_mirrored():
    # bound on the right: the cover is the left half of the outside
    assert sheet_order(4, rtl=True) == [(1, 4), (3, 2)]
    assert sheet_order(8, rtl=True) == [(1, 8), (7, 2), (3, 6), (5, 4)]
    assert sheet_order(12, rtl=True) == [(1, 12), (11, 2), (3, 10), (9, 4), (5, 8), (7, 6)]


@pytest.mark.parametrize("pages", [4, 8, 12, 16])
def test_right_to_left_booklets_read_one_to_n_from_the_right(pages):
    # seen in a mirror, a booklet bound on the right is one bound on the left
    mirrored = [(right, left) for left, right in sheet_order(pages, rtl=True)]
    assert folded_reading_order(mirrored) == list(range(1, pages + 1))


def test_flip_order_keeps_both_halves_upright_when_the_directions_differ():
    # Urdu from the right-hand cover, English from the other cover, both upright
    assert flip_order(8, mixed=True) == [(1, False), (2, False), (3, False), (4, False),
                                         (8, False), (7, False), (6, False), (5, False)]
    assert flip_order(8) == [(1, False), (2, False), (3, False), (4, False),
                             (8, True), (7, True), (6, True), (5, True)]


def test_page_counts_not_a_multiple_of_four_are_refused():
    with pytest.raises(ValueError):
        sheet_order(6)


def rendered_halves(pdf: bytes) -> list[tuple]:
    out = []
    for page in pdfium.PdfDocument(pdf):
        image = page.render(scale=1).to_pil().convert("L")
        w, h = image.size
        out.append((image.crop((0, 0, w // 2, h)), image.crop((w // 2, 0, w, h))))
    return out


def best_match(half, pages) -> int:
    """The screen page (1-based) that looks most like a printed half sheet."""
    small = half.resize((105, 148))
    diffs = [ImageStat.Stat(ImageChops.difference(small, p)).mean[0] for p in pages]
    return diffs.index(min(diffs)) + 1


def imposed(result):
    L = layout.load("a5-fold")
    return impose(result.pdf, L.colours["fold_mark"], L.fold_mark_length, L.fold_mark_width,
                  fold_edge=L.fold_mark_edge)


def check_print_file(result):
    printed = imposed(result)
    reader = PdfReader(io.BytesIO(printed))
    assert len(reader.pages) == result.pages // 2
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx((SHEET_W, SHEET_H))
        assert "/Annots" not in page
    screen = [p.render(scale=1).to_pil().convert("L").resize((105, 148)) for p in pdfium.PdfDocument(result.pdf)]
    for (left, right), (half_l, half_r) in zip(sheet_order(result.pages), rendered_halves(printed)):
        assert (best_match(half_l, screen), best_match(half_r, screen)) == (left, right)
    return printed


def test_print_file_of_the_seed(english):
    check_print_file(english[1])


@pytest.mark.parametrize("copies, pages", [(1, 8), (3, 12)])
def test_print_file_of_a_grown_leaflet(write_content, copies, pages):
    leaflet = content.load(write_content(more_sections(copies)))
    result = typeset(edition.english(leaflet), layout.load(leaflet.layout))
    assert result.pages == pages
    check_print_file(result)


# -- every print file the build writes, rendered --------------------------------

UNPRINTABLE = 5 * MM  # what office printers leave blank at each edge of the sheet
SCALE = 2  # pixels per point


@functools.cache
def rendered_sheets(name: str) -> list:
    return [p.render(scale=SCALE).to_pil().convert("L") for p in pdfium.PdfDocument(every_output()[name][4].data)]


def expected_positions(name: str) -> list[tuple[tuple[int, bool], tuple[int, bool]]]:
    """(screen page, upside down) of the left and right half of each printed side."""
    first, second, form, screen, printed = every_output()[name]
    n = screen.pages
    order = flip_order(n, mixed=first.rtl != second.rtl) if form == "flip" else [(i, False) for i in range(1, n + 1)]
    return [(order[left - 1], order[right - 1]) for left, right in sheet_order(n, rtl=first.rtl)]


# Written out, not computed, for the editions the issue named.
SPOT_CHECKS = {
    "ar": [((1, False), (4, False)), ((3, False), (2, False))],
    "ur": [((1, False), (8, False)), ((7, False), (2, False)), ((3, False), (6, False)), ((5, False), (4, False))],
    "en": [((4, False), (1, False)), ((2, False), (3, False))],
    "ur+en flip": [((1, False), (7, False)), ((8, False), (2, False)), ((3, False), (9, False)),
                   ((10, False), (4, False)), ((5, False), (11, False)), ((12, False), (6, False))],
    "pl+en flip": [((5, True), (1, False)), ((2, False), (6, True)), ((7, True), (3, False)),
                   ((4, False), (8, True))],
}


@pytest.mark.parametrize("name", SPOT_CHECKS)
def test_sheet_positions_of_the_named_editions(name):
    if every_output()[name][3].pages != 2 * len(SPOT_CHECKS[name]):
        pytest.fail(f"{name} now has {every_output()[name][3].pages} pages: update the spot check")
    assert expected_positions(name) == SPOT_CHECKS[name]


def placed_pages(printed: bytes, screen: bytes) -> list[list[tuple[int, bool]]]:
    """From the print file as written: for each sheet side, the screen page
    drawn on its left and right half, and whether it is turned (its Form
    XObject's content is the page's content, its `cm` places and turns it)."""
    pages = {p.get_contents().get_data(): n for n, p in enumerate(PdfReader(io.BytesIO(screen)).pages, 1)}
    reader = PdfReader(io.BytesIO(printed))
    out = []
    for side in reader.pages:
        forms = side["/Resources"]["/XObject"]
        placed, matrix = [], None
        for operands, op in ContentStream(side.get_contents(), reader).operations:
            if op == b"cm":
                matrix = [float(v) for v in operands]
            elif op == b"Do":
                a, tx = matrix[0], matrix[4]
                width = float(forms[operands[0]].get_object()["/BBox"][2])
                centre = tx + a * width / 2
                placed.append((centre, pages[forms[operands[0]].get_object().get_data()], a < 0))
        out.append([(page, turned) for _, page, turned in sorted(placed)])
    return out


@pytest.mark.parametrize("name", names())
def test_each_printed_half_is_the_screen_page_it_should_be(name):
    """Each half sheet draws its page (the print file's objects) and looks
    like it the right way up (rendered pixels; two Notes pages look alike)."""
    first, second, form, screen, printed = every_output()[name]
    expected = expected_positions(name)
    assert placed_pages(printed.data, screen.data) == [list(halves) for halves in expected]
    pages = [p.render(scale=0.5).to_pil().convert("L").resize((60, 85)) for p in pdfium.PdfDocument(screen.data)]
    sheets = rendered_sheets(name)
    assert len(sheets) == screen.pages // 2
    for sheet, halves in zip(sheets, expected):
        w, h = sheet.size
        for i, (page, upside_down) in enumerate(halves):
            image = sheet.crop((i * w // 2, 0, (i + 1) * w // 2, h)).resize((60, 85))
            # a half set upside down only matches its page turned back; upright only as it is
            image = image.rotate(180) if upside_down else image
            diffs = [ImageStat.Stat(ImageChops.difference(image, p)).mean[0] for p in pages]
            assert diffs[page - 1] <= min(diffs) + 0.5, (name, halves, diffs)
            turned = ImageStat.Stat(ImageChops.difference(image.rotate(180), pages[page - 1])).mean[0]
            assert turned > diffs[page - 1] + 0.5, (name, page, turned, diffs[page - 1], "matches either way up")


@pytest.mark.parametrize("name", names())
def test_no_ink_near_the_sheet_edge_and_fold_marks_that_print(name):
    edge = int(UNPRINTABLE * SCALE)
    for n, sheet in enumerate(rendered_sheets(name), 1):
        w, h = sheet.size
        strips = [sheet.crop(box) for box in ((0, 0, w, edge), (0, h - edge, w, h), (0, 0, edge, h),
                                              (w - edge, 0, w, h))]
        darkest = min(s.getextrema()[0] for s in strips)
        assert darkest >= 250, f"{name} sheet side {n}: ink within 5 mm of the edge (grey {darkest})"
        # the fold marks: just inside the printable area at the top and bottom of the fold
        L = layout.load("a5-fold")
        for y in (L.fold_mark_edge + L.fold_mark_length / 2, SHEET_H - L.fold_mark_edge - L.fold_mark_length / 2):
            row = [sheet.getpixel((w // 2 + dx, int(y * SCALE))) for dx in (-1, 0, 1)]
            assert min(row) < 230, f"{name} sheet side {n}: no fold mark at {y / MM:.1f} mm"


def test_imposition_is_deterministic(english):
    assert imposed(english[1]) == imposed(english[1])


def test_the_duplex_test_sheet_keeps_clear_of_the_edge_too():
    from leaflet.testsheet import test_sheet

    edge = int(UNPRINTABLE * SCALE)
    for side in pdfium.PdfDocument(test_sheet(layout.load("a5-fold"))):
        sheet = side.render(scale=SCALE).to_pil().convert("L")
        w, h = sheet.size
        inner = sheet.crop((edge, edge, w - edge, h - edge))
        assert inner.getextrema()[0] < 100  # it prints something
        for box in ((0, 0, w, edge), (0, h - edge, w, h), (0, 0, edge, h), (w - edge, 0, w, h)):
            assert sheet.crop(box).getextrema()[0] >= 250

