"""A duplex test sheet: one A4 sheet, both sides, that tells an office printer's
user which flip setting prints leaflets the right way up (drivers differ)."""
from __future__ import annotations

import io

from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas

from . import fonts, markup
from .impose import SHEET_H, SHEET_W
from .layout import MM, Layout
from .text.paragraph import Style, TextBlock

SIDES = (
    ("Side 1 of the duplex test sheet. This way up.",
     "Print this file double-sided, with the settings you will use for leaflets: A4, landscape, actual size, "
     "**flip on the short edge**. Then turn the sheet over the way you would turn a page."),
    ("Side 2. This way up too?",
     "If this side reads the right way up, your settings are right: print leaflets with them. If it is upside "
     "down, choose the other flip setting (flip on the long edge) and print this sheet again."),
)


def test_sheet(layout: Layout) -> bytes:
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(SHEET_W, SHEET_H), invariant=1,
               initialFontName=fonts.face(fonts.families()[0].file(False, False)).name)
    c.setTitle("Duplex test sheet")
    colour, text = layout.colours["heading"], layout.colours["text"]
    for heading, body in SIDES:
        c.setStrokeColor(HexColor(colour))
        c.setFillColor(HexColor(colour))
        c.setLineWidth(4)
        for x in (SHEET_W / 4, 3 * SHEET_W / 4):  # an arrow pointing up on each half
            c.line(x, SHEET_H / 2 - 40 * MM, x, SHEET_H / 2 + 20 * MM)
            path = c.beginPath()
            path.moveTo(x - 8 * MM, SHEET_H / 2 + 12 * MM)
            path.lineTo(x, SHEET_H / 2 + 24 * MM)
            path.lineTo(x + 8 * MM, SHEET_H / 2 + 12 * MM)
            path.close()
            c.drawPath(path, stroke=0, fill=1)
        y = SHEET_H - 20 * MM
        for spans, size in ((markup.parse(f"**{heading}**"), 20), (markup.parse(body), 13)):
            block = TextBlock(spans, "en-GB", False, Style(size, 1.35, text, colour))
            _, h = block.wrap(SHEET_W - 40 * MM, SHEET_H)
            block.drawOn(c, 20 * MM, y - h)
            y -= h + 5 * MM
        c.showPage()
    c.save()
    return buf.getvalue()
