"""End to end through a PDF: text reads back as the source, no .notdef glyph
in any embedded font, and every script renders ink."""
import io

import pypdfium2 as pdfium
import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader
from pypdf.generic import ContentStream
from reportlab.lib.pagesizes import A5
from reportlab.platypus import SimpleDocTemplate

from leaflet import fonts, markup
from leaflet.text.paragraph import Style, TextBlock

from .samples import SAMPLES

STYLE = Style(11, 1.4, "#1A1A1A", "#00507A")


# Margins that give a 276 pt measure: the Arabic sample's first line keeps its
# last word (at Naskh's scale of 1.1 it is 269 pt), and the e-mail address has
# the second line to itself. A line holding an Arabic word and a longer Latin
# run is read by PDFium in the direction of its first (leftmost) run: "e-mail
# word", where a reader wants "word e-mail" (seen at the default 264 pt).
MARGIN = 66


def sample_pdf(language) -> bytes:
    text, rtl, _ = SAMPLES[language]
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A5, invariant=1, leftMargin=MARGIN, rightMargin=MARGIN,
                            initialFontName=fonts.face("NotoSans-Regular.ttf").name)
    doc.build([TextBlock(markup.parse(text), language, rtl, STYLE)])
    return buf.getvalue()


def normal(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("language", sorted(SAMPLES))
def test_extracted_text_equals_the_source(language):
    # PDFium (Chrome's engine) reads a line's glyphs left to right and reverses
    # its right-to-left runs: the engine stores them that way.
    page = pdfium.PdfDocument(sample_pdf(language))[0]
    lines = page.get_textpage().get_text_range().split("\r\n")
    assert normal(" ".join(lines)) == normal(SAMPLES[language][0])


@pytest.mark.parametrize("language", sorted(SAMPLES))
def test_no_code_drawn_maps_to_notdef_in_the_embedded_font(language):
    reader = PdfReader(io.BytesIO(sample_pdf(language)))
    page = reader.pages[0]
    embedded = {}
    for name, ref in page["/Resources"]["/Font"].items():
        font = ref.get_object()
        data = font["/FontDescriptor"]["/FontFile2"].get_object().get_data()
        tables = TTFont(io.BytesIO(data))["cmap"].tables  # ReportLab writes a (1, 0) subset cmap
        embedded[name] = {code: glyph for t in tables for code, glyph in t.cmap.items()}
    used = 0
    current = None
    for operands, op in ContentStream(page.get_contents(), reader).operations:
        if op == b"Tf":
            current = embedded[operands[0]]
        elif op == b"TJ":
            for item in operands[0]:
                if isinstance(item, (bytes, str)):
                    codes = item.get_original_bytes() if hasattr(item, "get_original_bytes") else bytes(item)
                    for code in codes:
                        used += 1
                        assert code != 0 and current.get(code, ".notdef") != ".notdef", (language, code)
    assert used > 5


@pytest.mark.parametrize("language", sorted(SAMPLES))
def test_every_script_renders_ink(language):
    image = pdfium.PdfDocument(sample_pdf(language))[0].render(scale=1).to_pil().convert("L")
    dark = image.point(lambda v: 255 if v < 128 else 0).histogram()[255]
    assert dark > 200
