import io
import os
import subprocess
import sys

import pytest
from pypdf import PdfReader

from leaflet import content, edition, layout
from leaflet.errors import LeafletError
from leaflet.layout import MM
from leaflet.typeset import typeset

from conftest import ROOT, SEED, page_texts


def build(path):
    leaflet = content.load(path)
    return typeset(edition.english(leaflet), layout.load(leaflet.layout))


def test_four_a5_pages_in_reading_order(english):
    ed, result = english
    reader = PdfReader(io.BytesIO(result.pdf))
    assert result.pages == len(reader.pages) == 4
    for page in reader.pages:
        assert (round(float(page.mediabox.width) / MM), round(float(page.mediabox.height) / MM)) == (148, 210)
    texts = page_texts(result.pdf)
    assert texts[0].startswith("Serious Case Reviews Information for parents and carers")
    assert "Kingston LSCB" in texts[0]
    assert texts[1].startswith("What is Kingston Safeguarding Children Board?")
    assert "How Long Will the Review Take?" in " ".join(texts[2:4])  # the questions may flow on to the back
    assert "In this leaflet we have answered" in texts[3]
    assert "Telephone: 020 8547 6111" in texts[3]
    questions = [s.question.text for s in ed.leaflet.sections]
    faq = " ".join(texts[1:4])
    assert [faq.index(q) for q in questions] == sorted(faq.index(q) for q in questions)


def test_the_seed_reaches_clear_print_size_on_four_pages(english):
    _, result = english
    L = layout.load("a5-fold")
    assert result.pages == 4
    assert 11.5 <= result.body_size <= L.body_maximum


def test_short_leaflet_is_set_at_the_layout_maximum(write_content):
    result = build(write_content(lambda d: d.__setitem__("sections", d["sections"][:3])))
    L = layout.load("a5-fold")
    # the back page (introduction, the contact panel, further reading) is the same however short
    # the questions: it may hold the largest size less a step or two
    assert result.pages == 4 and L.body_maximum - 2 * L.body_step <= result.body_size <= L.body_maximum


def more_sections(copies):
    def change(d):
        extra = []
        for n in range(copies):
            for s in d["sections"]:
                extra.append({**s, "id": f"{s['id']}-{n}", "question": f"{s['question']} ({n})"})
        d["sections"] = d["sections"] + extra
    return change


@pytest.mark.parametrize("copies, pages", [(1, 8), (3, 12)])
def test_long_leaflets_grow_by_four_pages_and_do_not_shrink(write_content, copies, pages):
    result = build(write_content(more_sections(copies)))
    assert result.pages == pages
    L = layout.load("a5-fold")
    assert L.style("body").size <= result.body_size <= L.body_maximum  # the room taken goes to larger text
    texts = page_texts(result.pdf)
    assert texts[0].startswith("Serious Case Reviews")
    assert "In this leaflet we have answered" in texts[-1]
    assert not any(t.startswith("Notes") for t in texts)
    assert f"How Long Will the Review Take? ({copies - 1})" in " ".join(texts[1:-1])


def test_back_panel_overflow_names_the_panel_and_the_amount(write_content):
    # a long introduction moves to the inner pages (typeset.backmatter); a contact panel
    # taller than the back page, which stays on it, is the author's to shorten
    def change(d):
        d["back"]["contacts"][0]["address"] = [f"Floor {n}" for n in range(40)]
    with pytest.raises(LeafletError, match=r"the back panel overflows by \d+\.\d mm; shorten its text"):
        build(write_content(change))


def test_front_panel_overflow_is_an_error(write_content):
    with pytest.raises(LeafletError, match=r"front panel \(title\) overflows by"):
        build(write_content(lambda d: d["front"].__setitem__("title", "Serious Case Reviews " * 12)))


def test_metadata_bookmarks_and_links(english):
    ed, result = english
    reader = PdfReader(io.BytesIO(result.pdf))
    info = reader.metadata
    assert info.title == "Serious Case Reviews"
    assert info.author == "Kingston Safeguarding Children Board"
    assert info.subject == "Information for parents and carers"
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]
    assert [o.title for o in reader.outline] == [s.question.text for s in ed.leaflet.sections]
    uris = [a.get_object()["/A"]["/URI"] for p in reader.pages for a in p.get("/Annots", [])]
    assert set(uris) == {"tel:+442085476111", "mailto:safeguarding.children@rbk.kingston.gov.uk",
                         "https://www.kingstonlscb.org.uk",
                         "https://www.dcsf.gov.uk/everychildmatters/safeguardingandsocialcare"}


def test_every_font_is_an_embedded_subset(english):
    _, result = english
    reader = PdfReader(io.BytesIO(result.pdf))
    fonts = {}
    for page in reader.pages:
        for name, ref in page["/Resources"]["/Font"].items():
            fonts[name] = ref.get_object()
    assert fonts
    for font in fonts.values():
        assert font["/Subtype"] == "/TrueType"
        assert "+" in font["/BaseFont"]  # subset tag
        assert "/FontFile2" in font["/FontDescriptor"]


def test_output_is_byte_identical_across_processes(english):
    _, result = english
    code = ("import sys; from leaflet import content, edition, layout; from leaflet.typeset import typeset; "
            f"l = content.load({str(SEED)!r}); sys.stdout.buffer.write("
            "typeset(edition.english(l), layout.load(l.layout)).pdf)")
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True, cwd=ROOT, env=env).stdout
    assert other == result.pdf
    dated = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True, cwd=ROOT,
                           env={**env, "SOURCE_DATE_EPOCH": "1764115200"}).stdout
    assert dated != result.pdf
    assert b"D:20251126" in dated


def test_a_grown_leaflet_fills_its_pages_without_notes_pages(write_content):
    result = build(write_content(more_sections(1)))
    texts = page_texts(result.pdf)
    assert result.pages == 8
    assert not any(t.startswith("Notes") for t in texts)
    full = fullness(result.pdf)
    assert min(full[1:-1]) >= 0.75, full  # inner pages; the back panel sits at the foot of the last


def test_the_size_is_found_by_bisection(write_content, monkeypatch):
    from leaflet.typeset import fit
    calls = []
    real = fit.fits
    monkeypatch.setattr(fit, "fits", lambda *a: calls.append(a[-1]) or real(*a))
    result = build(write_content(more_sections(3)))
    assert result.pages == 12
    steps = len(fit.sizes(layout.load("a5-fold")))
    assert len(calls) <= 3 * (steps.bit_length() + 1) < 3 * steps  # not every size of every page count


def fullness(pdf: bytes) -> list[float]:
    """How far down each page the ink reaches, as a share of the text frame
    (rendered pixels, pypdfium2), footers excluded."""
    import pypdfium2 as pdfium
    L = layout.load("a5-fold")
    out = []
    doc = pdfium.PdfDocument(pdf)
    for page in doc:
        img = page.render(scale=1.5).to_pil().convert("L")
        top, bottom = int(L.margin_top * 1.5), int((L.height - L.margin_bottom) * 1.5)
        px = img.load()
        lowest = next((y for y in range(bottom, top, -1) if any(px[x, y] < 200 for x in range(0, img.width, 2))),
                      top)
        out.append((lowest - top) / (bottom - top))
    return out


def _text_lines(pdf: bytes) -> list[int]:
    """Lines of text on each page, as pdfium reads them."""
    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument(pdf)
    return [len([line for line in page.get_textpage().get_text_range().splitlines() if line.strip()])
            for page in doc]


@pytest.mark.parametrize("path", sorted((ROOT / "content").glob("*.yaml")), ids=lambda p: p.stem)
def test_no_edition_is_padded_with_a_blank_or_notes_page(path):
    """Every edition of every example leaflet, alone and beside English (parallel, blocks), in the
    folded A5 layout: a grown leaflet sets its text larger and spreads its questions over the
    pages it took, so every inner page carries text, not just a heading and a footer."""
    from leaflet import build as builds
    leaflet = content.load(path)
    editions, _ = builds.editions_of(leaflet, ["all"])
    english = next(e for e in editions if e.is_english)
    for e in editions:
        made = [("alone", builds.make(e)[0])] + ([] if e.is_english else [
            (form, builds.make_bilingual(e, english, form)[0]) for form in ("parallel", "blocks")])
        for form, screen in made:
            lines = _text_lines(screen.data)
            assert screen.pages == len(lines)
            padded = [n + 1 for n, count in enumerate(lines[1:-1], 1) if count <= 2]
            assert not padded, f"{path.stem} {e.code} {form}: pages {padded} of {len(lines)} hold no text"


@pytest.mark.parametrize("name", ["dl-trifold", "large-print"])
@pytest.mark.parametrize("path", sorted((ROOT / "content").glob("*.yaml")), ids=lambda p: p.stem)
def test_no_edition_in_another_layout_leaves_a_page_for_notes(path, name):
    """A short leaflet in six DL panels that cannot shrink sets a contact on the panel before
    the back rather than leave it for notes; large print grows by two pages only as needed."""
    from leaflet import build as builds
    L = layout.load(name)
    for e in builds.editions_of(content.load(path), ["all"])[0]:
        lines = _text_lines(typeset(e, L).pdf)
        padded = [n + 1 for n, count in enumerate(lines[1:-1], 1) if count <= 2]
        assert not padded, f"{path.stem} {e.code} {name}: pages {padded} of {len(lines)} hold no text"
