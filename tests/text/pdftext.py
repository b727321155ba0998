"""Reading marked content the way a tagged-PDF reader does: content in stream
order, each marked-content sequence with /ActualText standing for the glyphs
inside it, other glyphs read through their font's ToUnicode map (test helper).
A right-to-left run's text in reading order is its structure element's
/ActualText (the content holds it in visual order, for extractors)."""
from __future__ import annotations

import io
import re

from pypdf import PdfReader
from pypdf.generic import ContentStream, DictionaryObject


def _to_unicode(font) -> dict[int, str]:
    cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")
    cmap = cmap[cmap.index("beginbfchar"):]
    return {int(code, 16): bytes.fromhex(text).decode("utf-16-be")
            for code, text in re.findall(r"<([0-9A-Fa-f]{2})>\s*<([0-9A-Fa-f]+)>", cmap)}


def marked_texts(pdf: bytes) -> dict[tuple[int, int], str]:
    """(page index, MCID) -> the text inside that marked-content sequence."""
    reader = PdfReader(io.BytesIO(pdf))
    out: dict[tuple[int, int], str] = {}
    for index, page in enumerate(reader.pages):
        fonts = {name: _to_unicode(ref.get_object()) for name, ref in page["/Resources"].get("/Font", {}).items()}
        stack: list = []  # (mcid or None, is_actual_text)
        font = None
        for operands, op in ContentStream(page.get_contents(), reader).operations:
            if op in (b"BDC", b"BMC"):
                props = operands[1] if op == b"BDC" else None
                mcid = props.get("/MCID") if isinstance(props, DictionaryObject) else None
                actual = isinstance(props, DictionaryObject) and "/ActualText" in props
                owner = next((m for m, _ in reversed(stack) if m is not None), None)
                if actual and owner is not None and not any(a for _, a in stack):
                    out[(index, owner)] = out.get((index, owner), "") + str(props["/ActualText"])
                stack.append((int(mcid) if mcid is not None else None, actual))
            elif op == b"EMC":
                stack.pop()
            elif op == b"Tf":
                font = fonts[operands[0]]
            elif op == b"TJ" and not any(a for _, a in stack):
                owner = next((m for m, _ in reversed(stack) if m is not None), None)
                if owner is None:
                    continue
                text = "".join(font.get(b, "\ufffd") for item in operands[0] if isinstance(item, (str, bytes))
                               for b in (item.get_original_bytes() if hasattr(item, "get_original_bytes")
                                         else bytes(item)))
                out[(index, owner)] = out.get((index, owner), "") + text
    return out


def marked_positions(pdf: bytes) -> dict[tuple[int, int], tuple[float, float]]:
    """(page index, MCID) -> page (x, y) of the first text matrix set inside it."""
    reader = PdfReader(io.BytesIO(pdf))
    out: dict[tuple[int, int], tuple[float, float]] = {}
    for index, page in enumerate(reader.pages):
        stack: list = []
        ctm, saved = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), []
        for operands, op in ContentStream(page.get_contents(), reader).operations:
            if op == b"q":
                saved.append(ctm)
            elif op == b"Q":
                ctm = saved.pop()
            elif op == b"cm":
                a, b, c, d, e, f = (float(v) for v in operands)
                A, B, C, D, E, F = ctm
                ctm = (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)
            if op in (b"BDC", b"BMC"):
                props = operands[1] if op == b"BDC" else None
                mcid = props.get("/MCID") if isinstance(props, DictionaryObject) else None
                stack.append(int(mcid) if mcid is not None else None)
            elif op == b"EMC":
                stack.pop()
            elif op == b"Tm":
                owner = next((m for m in reversed(stack) if m is not None), None)
                if owner is not None and (index, owner) not in out:
                    x, y = float(operands[4]), float(operands[5])
                    A, B, C, D, E, F = ctm
                    out[(index, owner)] = (x * A + y * C + E, x * B + y * D + F)
    return out


def reading_texts(pdf: bytes) -> dict[tuple[int, int], str]:
    """(page index, MCID) -> the text a screen reader gets for it: right-to-left
    runs are stored left to right, and their structure element (a Span, or the
    block itself) carries the reading-order text as /ActualText, which replaces
    the marked content of its first MCID (its other MCIDs read as "")."""
    from pypdf.generic import ArrayObject, IndirectObject

    reader = PdfReader(io.BytesIO(pdf))
    pages = {p.indirect_reference.idnum: i for i, p in enumerate(reader.pages)}
    out = dict(marked_texts(pdf))

    def mcids(el, page):
        kids = el.get("/K", [])
        found = []
        for k in kids if isinstance(kids, ArrayObject) else [kids]:
            obj = k.get_object() if isinstance(k, IndirectObject) else k
            if isinstance(obj, int):
                found.append((page, int(obj)))
            elif isinstance(obj, DictionaryObject) and obj.get("/Type") == "/MCR":
                found.append((pages[obj.raw_get("/Pg").idnum], int(obj["/MCID"])))
            elif isinstance(obj, DictionaryObject) and "/S" in obj:
                found += mcids(obj, pages[obj.raw_get("/Pg").idnum] if "/Pg" in obj else page)
        return found

    def visit(el, page):
        page = pages[el.raw_get("/Pg").idnum] if "/Pg" in el else page
        if "/ActualText" in el:
            own = mcids(el, page)
            for n, key in enumerate(own):
                out[key] = str(el["/ActualText"]) if n == 0 else ""
            return
        kids = el.get("/K", [])
        for k in kids if isinstance(kids, ArrayObject) else [kids]:
            obj = k.get_object() if isinstance(k, IndirectObject) else k
            if isinstance(obj, DictionaryObject) and "/S" in obj:
                visit(obj, page)

    visit(reader.trailer["/Root"]["/StructTreeRoot"]["/K"].get_object(), 0)
    return out
