"""Bilingual DL leaflets: two languages that do not fit one roll-folded sheet
take a second, laid inside the first's flap. Every leaflet in content/, every
translation, parallel and blocks: read from the screen and print files as
written (pypdf boxes, the placed pages, the structure tree's text, pypdfium2's
character boxes) and as rendered."""
import functools
import io
import re
from dataclasses import replace

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader

from leaflet import build, content, layout
from leaflet.catalogs import review
from leaflet.content import body_blocks
from leaflet.errors import LeafletError
from leaflet.impose import SHEET_H, SHEET_W, side_order
from leaflet.layout import MM
from leaflet import typeset

from conftest import ROOT
from test_bilingual import elements, plain
from test_impose import placed_pages
from test_impose_layouts import roll_fold
from test_layout_editions import characters, check_inside

DL = "dl-trifold"
CASES = [(path.stem, code, form) for path in sorted((ROOT / "content").glob("*.yaml"))
         for code in review.available(path.stem) for form in ("parallel", "blocks")]


def read(pages: int, rtl: bool) -> list[int]:
    """The pages in the order a reader meets them: each sheet's front and flap,
    the first panel of its inside spread, then the sheet laid in the flap, then
    the rest of the spread and the back."""
    sides = side_order(pages, "roll-fold", rtl)
    # roll_fold tells a right-to-left sheet by its front's place: turn one over to read it left to right
    sheets = [roll_fold(sides[i][::-1], sides[i + 1][::-1]) if rtl else roll_fold(sides[i], sides[i + 1])
              for i in range(0, len(sides), 2)]

    def sheet(k: int) -> list[int]:
        s = sheets[k]
        inner = sheet(k + 1) if k + 1 < len(sheets) else []
        return [s["front"], s["flap"], s["spread"][0], *inner, *s["spread"][1:], s["back"]]

    return sheet(0)


@pytest.mark.parametrize("rtl", [False, True])
@pytest.mark.parametrize("pages", [6, 12, 18])
def test_nested_roll_fold_sheets_read_in_order(pages, rtl):
    assert read(pages, rtl) == list(range(1, pages + 1))


def test_two_sheets_written_out():
    assert side_order(12, "roll-fold") == [(2, 12, 1), (3, 10, 11), (5, 9, 4), (6, 7, 8)]
    assert side_order(12, "roll-fold", rtl=True) == [(1, 12, 2), (11, 10, 3), (4, 9, 5), (8, 7, 6)]


@functools.cache
def editions(stem: str, code: str):
    leaflet = content.load(ROOT / "content" / f"{stem}.yaml")
    found, _ = build.editions_of(leaflet, ["en", code])
    return found[-1], found[0]


@functools.cache
def built(stem: str, code: str, form: str):
    first, english = editions(stem, code)
    return build.make_bilingual(first, english, form, layout.load(DL))


def parts(block) -> list[str]:
    """A block's text as its structure elements hold it: a link, or a
    {reference} (a telephone number, a link of its own), is apart from the
    text either side of it."""
    runs = "".join(f"\x00{s.text}\x00" if s.href else s.text for s in block.spans).split("\x00")
    out = [" ".join(p.split()) for run in runs for p in re.split(r"\{[^}]*\}", run)]
    return [p for p in out if p]


@pytest.mark.parametrize("stem, code, form", CASES)
def test_every_bilingual_dl_edition_builds_on_whole_sheets(stem, code, form):
    screen, printed = built(stem, code, form)
    first, english = editions(stem, code)
    L = layout.load(DL)
    assert screen.path.name == f"{stem}.{code}+en.{DL}.screen.pdf"
    assert screen.pages in (6, 12) and L.body_minimum <= screen.body_size <= L.body_maximum
    # the screen file: panels in reading order, each 99 x 210 mm
    reader = PdfReader(io.BytesIO(screen.data))
    assert len(reader.pages) == screen.pages
    for page in reader.pages:
        assert (float(page.mediabox.width) / MM, float(page.mediabox.height) / MM) == pytest.approx((99, 210))
    # the print file: one A4 landscape sheet (two sides) for every six panels, each side its three panels
    sides = PdfReader(io.BytesIO(printed.data))
    assert len(sides.pages) == screen.pages // 3 == printed.sheets
    for side in sides.pages:
        assert (float(side.mediabox.width), float(side.mediabox.height)) == pytest.approx((SHEET_W, SHEET_H))
    expected = side_order(screen.pages, "roll-fold", first.rtl)
    assert placed_pages(printed.data, screen.data) == [[(p, False) for p in side] for side in expected]
    assert sides.trailer["/Root"]["/ViewerPreferences"]["/Duplex"] == "/DuplexFlipShortEdge"
    # every block in both languages, as a screen reader gets it, and no character outside the panels' frames
    texts = {t for _, _, t, _, _ in elements(screen.data) if t}
    for edition in (first, english):
        # not a figure's /Alt; the cover's text under the band is the first-read language's only, in every layout
        cover = {b.id for b in body_blocks(edition.leaflet.front)} if edition is english else set()
        missing = [b.id for b in edition.leaflet.blocks() if not b.id.endswith(".alt") and b.id not in cover
                   and not all(any(part in t for t in texts) for part in parts(b))]
        assert not missing, f"{code}+en {form}: {edition.language} blocks missing: {missing[:5]}"
    check_inside(screen.data, L, f"{stem} {code}+en {form}")


@pytest.mark.parametrize("stem, code, form", CASES)
def test_a_second_sheet_only_when_one_would_need_text_under_the_minimum(stem, code, form):
    screen, _ = built(stem, code, form)
    if screen.pages == 6:
        return
    first, english = editions(stem, code)
    one_sheet = replace(layout.load(DL), page_step=0, page_most=6)
    with pytest.raises(LeafletError, match="do not fit in 6 pages"):
        typeset.pair(first, english, one_sheet, form)


@pytest.mark.parametrize("stem, code, form", [("serious-case-reviews", "ur", "parallel"),
                                              ("child-protection-conference", "bn", "blocks")])
def test_two_sheets_print_clear_of_the_edges_with_marks_on_both_folds(stem, code, form):
    screen, printed = built(stem, code, form)
    assert screen.pages == 12
    L, scale = layout.load(DL), 2
    edge = int(5 * MM * scale)
    for n, side in enumerate(pdfium.PdfDocument(printed.data), 1):
        image = side.render(scale=scale).to_pil().convert("L")
        w, h = image.size
        strips = [image.crop(b) for b in ((0, 0, w, edge), (0, h - edge, w, h), (0, 0, edge, h), (w - edge, 0, w, h))]
        assert min(s.getextrema()[0] for s in strips) >= 250, f"side {n}: ink within 5 mm of the sheet's edge"
        y = int((L.fold_mark_edge + L.fold_mark_length / 2) * scale)
        for x in (99 * MM, 198 * MM):
            assert min(image.getpixel((int(x * scale) + dx, y)) for dx in (-1, 0, 1)) < 230, \
                f"side {n}: no fold mark at {x / MM:.0f} mm"


@pytest.mark.parametrize("stem, code", [("child-protection-conference", "bn"), ("child-protection-conference", "ur")])
def test_a_table_too_wide_for_half_a_panel_is_set_whole_in_each_language(stem, code):
    # beside its translation, in half a 99 mm panel, "meeting" and "Welcome" were cut in two
    screen, _ = built(stem, code, "parallel")
    first, english = editions(stem, code)
    cells = [b for b in english.leaflet.blocks() if re.search(r"\.(h\d+|r\d+c\d+)$", b.id)]
    assert cells
    doc = pdfium.PdfDocument(screen.data)
    words = {w.strip(".,:;()") for page in doc for w in page.get_textpage().get_text_range().split()}
    cut = [w for b in cells for w in re.findall(r"\w+", plain(b)) if w not in words]
    assert not cut, f"{code}+en: table words not whole on a line: {cut[:5]}"


def mono(stem: str, code: str):
    first, _ = editions(stem, code)
    return build.make(first, layout.load(DL))[0]


# each translation alone and beside English (in parallel: blocks sets the contacts alike), and English alone
EMAIL_CASES = [(stem, code, form) for stem, code, form in CASES if form == "parallel"] + \
    [(stem, code, None) for stem, code, form in CASES if form == "parallel"] + \
    [(stem, "en", None) for stem in sorted({stem for stem, _, _ in CASES})]


@pytest.mark.parametrize("stem, code, form", EMAIL_CASES)
def test_an_email_address_too_wide_for_a_contact_panel_is_set_smaller_on_one_line(stem, code, form):
    screen = built(stem, code, form)[0] if form else mono(stem, code)
    first, _ = editions(stem, code)
    emails = {c.email for c in first.leaflet.contacts if c.email}
    # an address cut over two lines is one Link element with an annotation on each line
    reader = PdfReader(io.BytesIO(screen.data))
    nums = reader.trailer["/Root"]["/StructTreeRoot"]["/ParentTree"]["/Nums"]
    link_of = {int(nums[i]): getattr(nums[i + 1], "idnum", None) for i in range(0, len(nums), 2)}  # pages' are arrays
    lines: dict = {}
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            uri = str(annot.get_object()["/A"].get("/URI", ""))
            if uri.startswith("mailto:"):
                key = (uri[7:], link_of[int(annot.get_object()["/StructParent"])])
                lines[key] = lines.get(key, 0) + 1
    assert {email for email, _ in lines} == emails
    cut = sorted(email for (email, _), n in lines.items() if n > 1)
    assert not cut, f"{stem} {code} {form}: {cut} cut over two lines"
    L = layout.load(DL)
    check_inside(screen.data, L, f"{stem} {code} {form}")
    sizes = [round(s, 2) for _, _, _, s in characters(screen.data)]
    assert min(sizes) >= L.style("footer").size - 0.01  # set smaller, not below the footer's size


@pytest.mark.parametrize("code, form", [("en", None), ("bn", None), ("bn", "blocks")])
def test_a_qr_codes_address_too_wide_for_a_panel_is_set_smaller_not_cut(code, form):
    # the address's last part, under its code, is wider than a 83 mm line at the body size
    stem = "child-protection-conference"
    screen = built(stem, code, form)[0] if form else mono(stem, code)
    doc = pdfium.PdfDocument(screen.data)
    words = [w for page in doc for w in page.get_textpage().get_text_range().split()]
    assert words.count("working-together-to-safeguard-children--2") == (2 if form else 1)
    assert min(round(s, 2) for _, _, _, s in characters(screen.data)) >= layout.load(DL).style("footer").size - 0.01
