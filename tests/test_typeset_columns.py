"""Pages in columns (leaflet.typeset.columns), read from the a4-sheet PDFs as
written: character boxes from pdfium, pixels from its renders, the manifest
and the structure tree. Two columns with none crossing the gutter or the
margins, the first column on the right in right-to-left editions, the band
on page 1 only, the back panel across the foot of the last page."""
import json
import re

import pypdfium2 as pdfium
import pytest
from reportlab.platypus import Spacer

from leaflet import content, layout, markup, pdfcheck
from leaflet.layout import MM
from leaflet.typeset import flow

from conftest import ROOT, SEED
from test_layout_cover import near, rgb
from test_layout_editions import CODES as CODES_ALL, built, characters, check_inside
from test_layout_geometry import run, spoiled
from test_tagging import walk

NAME = "a4-sheet"
L = layout.load(NAME)
CODES = ["en", "ur", "ar", "fa", "bn", "zh-Hans", "so", "ta", "pa"]
RTL = {"ar", "fa", "ur"}
EXAMPLES_DIR = ROOT / "content"
TOL = 2.0  # points: a glyph's ink may pass its line box a little


def columns(L):
    """(left, right) of each column of an odd page, left to right."""
    left = L.margin_inside
    return [(left + i * (L.column_width + L.gutter), left + i * (L.column_width + L.gutter) + L.column_width)
            for i in range(L.columns)]


def column_of(box, tol: float = TOL) -> int | None:
    left, _, right, _ = box
    for i, (x0, x1) in enumerate(columns(L)):
        if x0 - tol <= left and right <= x1 + tol:
            return i
    return None


def images(pdf: bytes, scale: float = 1.0):
    return [p.render(scale=scale).to_pil().convert("RGB") for p in pdfium.PdfDocument(pdf)]


def rule_y(image) -> float | None:
    """The hairline above the back panel: a row of the rule colour across most of the text width, in points from the top."""
    xs = range(int(L.margin_inside) + 2, int(L.width - L.margin_outside) - 2, 3)
    for y in range(image.height):  # a hairline is blended at 1 px a point: light, not white, all along (not the band)
        if sum(120 < min(image.getpixel((x, y))) < 245 for x in xs) > 0.95 * len(xs):
            return float(y)
    return None


def test_frames_needed_fills_frames_of_any_height_in_order():
    blocks = [Spacer(10, 40), Spacer(10, 40), Spacer(10, 40)]
    assert flow.frames_needed(blocks, [(10, 50), (10, 90), (10, 30)]) == 2  # one, then two
    assert flow.frames_needed(blocks, [(10, 50), (10, 50)]) == 3  # ran past the last frame
    assert flow.frames_needed(blocks, [(10, 30), (10, 130)]) == 2  # too tall for the short frame: moves on
    with pytest.raises(flow.DoesNotFit):
        flow.frames_needed([Spacer(10, 200)], [(10, 30), (10, 130)])  # taller than the tallest
    assert flow.pages_needed(blocks, 10, 85, 4) == 2  # the single-frame count is the same walk


def test_the_layout_as_the_brief_asks():
    assert (round(L.width / MM), round(L.height / MM)) == (210, 297)
    assert L.imposition == "duplex" and L.page_counts() == [2, 4]  # a sheet, growing by a sheet
    assert L.columns == 2 and L.front_place == "top" and L.back_place == "foot" and L.in_columns
    assert L.file_tag == ".a4-sheet"
    assert not any(layout.load(n).in_columns for n in ("a5-fold", "dl-trifold", "large-print"))


def band_rows_of(image) -> list[int]:
    """Rows (pixels from the top, 1 px = 1 pt) where the band colour runs across most of the page."""
    band = rgb(L.colours["band"])
    return [y for y in range(0, image.height, 2)
            if sum(near(image.getpixel((x, y)), band) for x in range(0, image.width, 8)) > 0.8 * image.width / 8]


@pytest.mark.parametrize("code", CODES)
def test_text_is_set_in_two_columns_in_reading_order(code):
    screen = built(str(SEED), code, NAME)
    band_bottom = L.height - band_rows_of(images(screen.data)[0])[-1] - 2  # PDF points from the page's foot
    body = [(p, ch, box) for p, ch, box, _ in characters(screen.data)
            if box[1] > L.margin_bottom - TOL and not (p == 1 and box[1] > band_bottom)]  # not footers, not the band
    for page in range(1, screen.pages + 1):
        on_page = [(ch, box) for p, ch, box in body if p == page]
        outside = [(ch, [round(v) for v in box]) for ch, box in on_page if column_of(box) is None]
        assert not outside, f"{code} p.{page}: {outside[:3]} crosses the gutter or a margin"
        used = {column_of(box) for ch, box in on_page}
        first = 1 if code in RTL else 0
        assert used == {0, 1} if page == 1 else first in used, f"{code} p.{page}: columns used {used}"
    # reading order (the content stream, as pdfium extracts it): after the
    # band, the first column (the right-hand one right to left), then the second
    first, second = (1, 0) if code in RTL else (0, 1)
    page1 = [column_of(box) for p, ch, box in body if p == 1]
    assert page1 and page1[0] == first, f"{code}: page 1 starts in column {page1[0]}"
    switches = [b for a, b in zip(page1, page1[1:]) if a != b]
    assert switches == [second], f"{code}: page 1's text goes {switches} between columns"


@pytest.mark.parametrize("code", ["en", "ur", "bn", "zh-Hans", "so"])
def test_the_band_is_on_page_one_and_the_back_panel_across_the_foot_of_the_last(code):
    screen = built(str(SEED), code, NAME)
    pages = images(screen.data)
    for n, image in enumerate(pages, 1):
        rows = band_rows_of(image)
        if n == 1:  # the band: one field at the top, at least the layout's height, under half the page
            assert rows and rows[0] <= L.band_margin + 3, f"{code}: no band at the top of page 1"
            assert L.band_height - L.band_margin - 4 <= rows[-1] - rows[0] + 2 < L.height / 2, (code, rows[0], rows[-1])
        else:
            assert not rows, f"{code} p.{n}: a band on a page other than the first"
    rules = [rule_y(image) for image in pages]
    assert rules[-1] is not None and all(r is None for r in rules[:-1]), f"{code}: rule above the back panel {rules}"
    top_of_panel = L.height - rules[-1]  # in PDF points from the bottom
    # the contact's name: on the last page only, below the rule
    where = {}
    for n, page in enumerate(pdfium.PdfDocument(screen.data), 1):
        tp = page.get_textpage()
        at = tp.get_text_range().find(SEED_CONTACT)
        if at >= 0:
            where[n] = [tp.get_charbox(at + k) for k in range(len(SEED_CONTACT))]
    assert list(where) == [screen.pages], f"{code}: the contact is on pages {list(where)}"
    assert all(top < top_of_panel for _, _, _, top in where[screen.pages])
    # the contact panel's tint, below the rule
    tint = rgb(L.colours["panel"])
    last = pages[-1]
    tinted = sum(near(last.getpixel((x, y)), tint) for y in range(int(rules[-1]), last.height, 2)
                 for x in range(0, last.width, 4))
    assert tinted * 8 > 0.02 * last.width * last.height, f"{code}: no contact panel on the back"


SEED_CONTACT = "Hopkins"  # pdfium reads "Lee Hopkins" right to left on an Urdu page


@pytest.mark.parametrize("code", ["en", "ur", "ta", "so"])
def test_nothing_is_drawn_outside_the_margins(code):
    screen = built(str(SEED), code, NAME)
    for n, image in enumerate(images(screen.data), 1):
        w, h = image.size
        band_rows = band_rows_of(image)[-1] + 3 if n == 1 else 0  # the band, as tall as its title needs
        edge = int(L.band_margin) - 1  # the band keeps this white margin; nothing else comes nearer than the margins
        # but for a glyph's ink past its advance: the bold Nastaliq kaf that starts an
        # Urdu heading (16.8 pt bold) reaches 7 pt into the margin; its box stays inside (see above)
        ink = 3 * MM
        strips = [(0, 0, w, edge), (0, h - edge, w, h), (0, 0, edge, h), (w - edge, 0, w, h),
                  (0, band_rows, int(L.margin_inside - ink), h), (int(L.width - L.margin_outside + ink), band_rows, w, h),
                  (0, band_rows, w, max(band_rows, int(L.margin_top - ink)))]
        for box in strips:
            if box[2] > box[0] and box[3] > box[1]:
                low = min(image.crop(box).convert("L").getextrema()[0], 255)
                assert low >= 250, f"{code} p.{n}: ink in the margin {box}"


def test_the_manifest_gives_each_editions_body_size(tmp_path):
    done = run("build", SEED, "--lang", "en", "--lang", "ur", "--lang", "so", "--layout", NAME, "--out", tmp_path)
    assert done.returncode == 0, done.stderr
    files = json.loads((tmp_path / "manifest.json").read_text())["files"]
    screens = {f["languages"][0]: f for f in files if f["file"].endswith(".a4-sheet.screen.pdf")}
    assert set(screens) == {"en-GB", "ur", "so"}, files
    for lang, f in screens.items():
        assert L.body_minimum <= f["body_size"] <= L.body_maximum and f["pages"] in L.page_counts(), f
    assert screens["en-GB"]["pages"] == 2  # the seed's English is one sheet
    printed = [f for f in files if f["file"].endswith(".a4-sheet.print.pdf")]
    assert len(printed) == 3


def test_a_text_too_long_for_the_sheets_fails_with_one_line(tmp_path):
    path, _ = spoiled(tmp_path, NAME, "pages: {start: 2, step: 2, most: 4}", "pages: {start: 2, step: 2, most: 2}")
    # Urdu beside English does not fit one sheet even at the minimum; the shipped layout takes a second
    done = run("build", SEED, "--lang", "ur", "--bilingual", "blocks", "--layout", path, "--out", tmp_path / "out")
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
    assert (f"[ur+en] the two languages do not fit in 2 pages of the a4-sheet layout, even at its smallest body "
            f"size ({L.body_minimum:g} pt)") in lines[0] and "a5-fold" in lines[0]
    assert not list((tmp_path / "out").rglob("*.pdf")) if (tmp_path / "out").exists() else True


@pytest.mark.parametrize("code", ["en", "ur", "bn"])
def test_screen_editions_are_pdf_ua_and_the_structure_reads_in_order(code):
    import page  # page-validation: veraPDF's PDF/UA-1 rules, reimplemented

    screen = built(str(SEED), code, NAME)
    report = page.validate_pdf_bytes(screen.data, profile="ua1")
    assert [f"{f.rule_id}: {f.message}" for f in report.failures] == [] and report.is_compliant
    assert pdfcheck.check(screen.data) == []
    from leaflet import build, content
    leaflet = content.load(SEED)
    editions, _ = build.editions_of(leaflet, [code] if code == "en" else ["en", code])
    edition = editions[-1]
    elements = walk(screen.data)
    assert [r for r, _, _ in elements][:2] == ["Document", "H1"]
    headings = [" ".join(t.split()) for r, _, t in elements if r == "H2"]
    questions = [" ".join(markup.plain(s.question.spans).split()) for s in edition.leaflet.sections]
    assert [h for h in headings if h in questions] == questions  # the questions, in order, across the columns
    # the back panel after the questions; every character's text is in the structure
    order = [" ".join(t.split()) for r, _, t in elements if t.strip()]
    last_q = max(i for i, t in enumerate(order) if t == questions[-1])
    assert any(SEED_CONTACT in t for t in order[last_q:])


@pytest.mark.parametrize("form", ["parallel", "blocks"])
@pytest.mark.parametrize("code", [c for c in CODES_ALL if c != "en"])
def test_every_bilingual_form_builds_inside_the_frames(code, form):
    # one sheet or two: a translation beside English may need the second sheet
    screen = built(str(SEED), code, NAME, form)
    assert screen.pages in L.page_counts() and L.body_minimum <= screen.body_size <= L.body_maximum
    # pdfium shares a Nastaliq ligature's box out evenly over its letters: a bold
    # heading's kaf, whose stroke leans past the line's end, puts them 4 pt out
    check_inside(screen.data, L, f"{code}+en {form}", tol=5.0 if code == "ur" else 2.0)
    text = "".join(ch for _, ch, _, _ in characters(screen.data))
    assert all(w in text for w in ("Serious", "Reviews", "parents", "Hopkins"))


@pytest.mark.parametrize("code", ["en", "ur"])
def test_press_files_pass_the_press_checker(code, tmp_path):
    done = run("build", SEED, "--lang", code, "--layout", NAME, "--format", "press", "--out", tmp_path)
    assert done.returncode == 0, done.stderr
    [path] = list(tmp_path.rglob("*.pdf"))
    assert path.name == f"serious-case-reviews.{code}.a4-sheet.press.pdf"
    checked = run("check-press", path)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_three_columns_or_a_cover_of_its_own_need_only_the_yaml(tmp_path):
    from leaflet import build, content

    three, _ = spoiled(tmp_path, NAME, "columns: {count: 2, gutter_mm: 8}", "columns: {count: 3, gutter_mm: 6}")
    L3 = layout.load(three)
    assert L3.columns == 3 and round(L3.column_width / MM) == 57
    leaflet = content.load(SEED)
    editions, _ = build.editions_of(leaflet, ["en"])
    screen = build.make(editions[0], L3)[0]
    lefts = [L3.margin_inside + i * (L3.column_width + L3.gutter) for i in range(3)]
    used = set()
    for p, ch, (left, bottom, right, top), _ in characters(screen.data):
        if bottom < L3.margin_bottom or (p == 1 and bottom > L3.height - L3.band_height):
            continue  # footers, the band
        inside = [i for i, x in enumerate(lefts) if x - TOL <= left and right <= x + L3.column_width + TOL]
        assert inside, f"p.{p}: {ch!r} at {left:.1f}..{right:.1f} is in no column"
        used.add((p, inside[0]))
    assert {(1, 0), (1, 1), (1, 2), (2, 0)} <= used
    # front: first: page 1 is the cover (band and foot panel), the questions start on page 2
    cover = spoiled(tmp_path, NAME, "  front: top ", "  front: first")[0]
    screen = build.make(editions[0], layout.load(cover))[0]
    text = [" ".join(pg.get_textpage().get_text_range().split()) for pg in pdfium.PdfDocument(screen.data)]
    question = editions[0].leaflet.sections[0].question.text
    assert question not in text[0] and question in text[1]
    assert "Kingston LSCB" in text[0] and "also available" in text[0]  # the cover's foot panel
    assert "Hopkins" in text[-1]


@pytest.mark.parametrize("path, code, form", [(SEED, "en", None), (SEED, "cy", None), (SEED, "bn", "blocks"),
                                              (EXAMPLES_DIR / "private-fostering.yaml", "en", None)],
                         ids=["en", "cy", "bn+en blocks", "private-fostering"])
def test_the_questions_end_level_across_the_last_pages_columns(path, code, form):
    """Not one full column and a line in the next: the last page's columns are
    balanced (leaflet.typeset.columns.Grid.balanced), the back panel at the foot."""
    screen = built(str(path), code, NAME, form)
    last = images(screen.data)[-1]
    rule = L.height - rule_y(last)  # PDF points from the foot
    top = L.height - L.margin_top
    ends = {}
    for p, ch, box, _ in characters(screen.data):
        if p == screen.pages and box[1] > rule and column_of(box) is not None:
            ends[column_of(box)] = min(ends.get(column_of(box), top), box[1])
    assert set(ends) == {0, 1}, f"{code}: the last page's questions are in columns {set(ends)}"
    assert abs(ends[0] - ends[1]) <= 0.25 * (top - rule), f"{code}: columns end at {ends} (rule at {rule:.0f})"


@pytest.mark.parametrize("code", ["ur", "ar", "bn", "pl"])
def test_a_parallel_form_sets_each_language_in_its_own_column(code):
    """Each block beside its translation: the pairs' two sides are the layout's
    columns (its gutter), the translation in the first-read one."""
    screen = built(str(SEED), code, NAME, "parallel")
    pages = images(screen.data)
    band_bottom = L.height - band_rows_of(pages[0])[-1] - 2
    rule = L.height - rule_y(pages[-1])  # below it, what is the same in both languages spans the page
    chars = list(characters(screen.data))
    # an address the same in both languages is set once across both columns, on the back or
    # where the back matter moved to end the questions (typeset.backmatter)
    # (its line found by its longest word: pdfium reads it backwards in a right-to-left edition)
    text = "".join(ch for _, ch, _, _ in chars)
    lines = {(chars[m.start()][0], round(chars[m.start()][2][1])) for f in content.load(SEED).further_reading
             for m in re.finditer(max(re.findall(r"\w+", f.label), key=len), text)}
    body = [(p, ch, box) for p, ch, box, _ in chars
            if box[1] > L.margin_bottom - TOL and not (p == 1 and box[1] > band_bottom)
            and not (p == screen.pages and box[3] < rule)
            and not any(p == q and abs(box[1] - y) < 1.5 for q, y in lines)]
    # pdfium shares a Nastaliq ligature's box out over its letters: a bold heading's last ones 4 pt out
    tol = 5.0 if code == "ur" else TOL
    outside = [(p, ch, [round(v) for v in box]) for p, ch, box in body if column_of(box, tol) is None]
    assert not outside, f"{code}+en: {outside[:3]} crosses the gutter or a margin"
    first, english = (1, 0) if code in RTL else (0, 1)
    page1 = [(ch, column_of(box, tol)) for p, ch, box in body if p == 1]
    own = [c for ch, c in page1 if ch.isalpha() and not ch.isascii()]
    latin = [c for ch, c in page1 if ch.isascii() and ch.isalpha()]
    # its own letters (Polish: ą, ż...) all in the first column
    assert own and all(c == first for c in own), f"{code}: its letters outside column {first + 1}"
    if code != "pl":  # (Polish is mostly ASCII letters too)
        assert latin.count(english) > 0.75 * len(latin), f"{code}: the English is not in column {english + 1}"


def test_the_same_input_gives_the_same_bytes():
    from leaflet import build, content

    def make():
        editions, _ = build.editions_of(content.load(SEED), ["en", "ur"])
        return [o.data for o in build.make(editions[-1], L)] + \
            [o.data for o in build.make_bilingual(editions[-1], editions[0], "parallel", L)]

    assert make() == make()
