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
    assert "How Long Will the Review Take?" in texts[2]
    assert texts[3].startswith("In this leaflet we have answered")
    assert "Telephone: 020 8547 6111" in texts[3]
    questions = [s.question.text for s in ed.leaflet.sections]
    faq = " ".join(texts[1:3])
    assert [faq.index(q) for q in questions] == sorted(faq.index(q) for q in questions)


def test_body_shrinks_within_the_layout_range_before_growing(english):
    _, result = english
    L = layout.load("a5-fold")
    assert result.pages == 4
    assert L.body_minimum <= result.body_size <= L.style("body").size


def test_short_leaflet_keeps_the_full_body_size(write_content):
    result = build(write_content(lambda d: d.__setitem__("sections", d["sections"][:3])))
    assert (result.pages, result.body_size) == (4, 11)


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
    assert texts[-1].startswith("In this leaflet we have answered")
    assert f"How Long Will the Review Take? ({copies - 1})" in " ".join(texts[1:-1])


def test_back_panel_overflow_names_the_panel_and_the_amount(write_content):
    def change(d):
        d["back"]["intro"] = " ".join([d["back"]["intro"]] * 6)
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


def test_pages_a_grown_leaflet_has_to_spare_are_for_notes(write_content):
    result = build(write_content(lambda d: d.__setitem__("sections", d["sections"] + [
        {**d["sections"][0], "id": "again", "question": "What is it, again?"}])))
    texts = page_texts(result.pdf)
    spare = [t for t in texts[1:-1] if t.startswith("Notes")]
    assert result.pages == 8 and spare  # questions on some inner pages, notes on the rest
    assert all(t.startswith("Notes Serious Case Reviews") for t in spare)  # heading, then only the footer
