"""Imposition: A5 pages in reading order -> A4 landscape sheets for an office
duplex printer (print both sides, flip on the short edge, fold, nest, staple).

For n pages (a multiple of 4), sheet k (from 0) carries on its outside
(n-2k) | (2k+1) and on its inside (2k+2) | (n-2k-1): folded and nested, the
stack reads 1..n. A light fold mark sits at the top and bottom of the fold.
"""
from __future__ import annotations

import io

from pypdf import PageObject, PdfReader, PdfWriter, Transformation
from pypdf.generic import NameObject
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas

SHEET_W, SHEET_H = landscape(A4)


def sheet_order(pages: int) -> list[tuple[int, int]]:
    """(left, right) page numbers (1-based) of each printed side, in printing order."""
    if pages % 4:
        raise ValueError(f"a folded leaflet needs a multiple of 4 pages, not {pages}")
    sides = []
    for k in range(pages // 4):
        sides.append((pages - 2 * k, 2 * k + 1))  # outside
        sides.append((2 * k + 2, pages - 2 * k - 1))  # inside
    return sides


def impose(screen_pdf: bytes, fold_colour: str, fold_length: float, fold_width: float,
           metadata: dict | None = None) -> bytes:
    reader = PdfReader(io.BytesIO(screen_pdf))
    pages = list(reader.pages)
    w, h = float(pages[0].mediabox.width), float(pages[0].mediabox.height)
    x0 = (SHEET_W - 2 * w) / 2
    y0 = (SHEET_H - h) / 2
    marks = PdfReader(io.BytesIO(_fold_marks(fold_colour, fold_length, fold_width))).pages[0]
    writer = PdfWriter()
    for left, right in sheet_order(len(pages)):
        sheet = PageObject.create_blank_page(width=SHEET_W, height=SHEET_H)
        for number, dx in ((left, x0), (right, x0 + w)):
            sheet.merge_transformed_page(pages[number - 1], Transformation().translate(dx, y0))
        sheet.merge_page(marks)
        if "/Annots" in sheet:
            del sheet[NameObject("/Annots")]  # links are for screens, and pypdf does not move them
        writer.add_page(sheet)
    for page in writer.pages:
        page.compress_content_streams()
    if metadata:
        writer.add_metadata(metadata)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _fold_marks(colour: str, length: float, width: float) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(SHEET_W, SHEET_H), invariant=1, pageCompression=1)
    c.setStrokeColor(HexColor(colour))
    c.setLineWidth(width)
    c.line(SHEET_W / 2, SHEET_H, SHEET_W / 2, SHEET_H - length)
    c.line(SHEET_W / 2, 0, SHEET_W / 2, length)
    c.showPage()
    c.save()
    return buf.getvalue()
