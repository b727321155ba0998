import io

import pypdfium2 as pdfium
import pytest
from PIL import ImageChops, ImageStat
from pypdf import PdfReader

from leaflet import content, edition, layout
from leaflet.impose import SHEET_H, SHEET_W, impose, sheet_order
from leaflet.typeset import typeset

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
    return impose(result.pdf, L.colours["fold_mark"], L.fold_mark_length, L.fold_mark_width)


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
    printed = check_print_file(english[1])
    # a light fold mark at the top and bottom of the fold, on every side
    for page in pdfium.PdfDocument(printed):
        image = page.render(scale=2).to_pil().convert("L")
        w, h = image.size
        assert min(image.getpixel((w // 2 + dx, 4)) for dx in (-1, 0, 1)) < 230
        assert min(image.getpixel((w // 2 + dx, h - 5)) for dx in (-1, 0, 1)) < 230


def test_print_file_of_an_eight_page_leaflet(write_content):
    leaflet = content.load(write_content(more_sections(1)))
    result = typeset(edition.english(leaflet), layout.load(leaflet.layout))
    assert result.pages == 8
    check_print_file(result)


def test_imposition_is_deterministic(english):
    assert imposed(english[1]) == imposed(english[1])
