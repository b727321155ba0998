"""Reading text the way a tagged-PDF reader does: content in stream order,
each marked-content sequence with /ActualText standing for the glyphs inside
it, other glyphs read through their font's ToUnicode map (test helper).

PDFium's text page (get_text_range) applies layout heuristics that assume
right-to-left text is stored in visual order and reverses it; the engine
writes logical order with /ActualText (ISO 32000-1, 14.9.4), which this reads."""
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


def line_texts(pdf: bytes, index: int = 0) -> list[str]:
    """The text of each text object (BT..ET) on a page, in stream order."""
    reader = PdfReader(io.BytesIO(pdf))
    page = reader.pages[index]
    fonts = {name: _to_unicode(ref.get_object()) for name, ref in page["/Resources"]["/Font"].items()}
    out, current, font, actual_depth, depth = [], [], None, None, 0
    for operands, op in ContentStream(page.get_contents(), reader).operations:
        if op == b"BT":
            current = []
        elif op == b"ET":
            out.append("".join(current))
        elif op in (b"BDC", b"BMC"):
            depth += 1
            props = operands[1] if op == b"BDC" else None
            if isinstance(props, DictionaryObject) and "/ActualText" in props and actual_depth is None:
                current.append(str(props["/ActualText"]))
                actual_depth = depth
        elif op == b"EMC":
            if actual_depth == depth:
                actual_depth = None
            depth -= 1
        elif op == b"Tf":
            font = fonts[operands[0]]
        elif op == b"TJ" and actual_depth is None:
            for item in operands[0]:
                if isinstance(item, (str, bytes)):
                    data = item.get_original_bytes() if hasattr(item, "get_original_bytes") else bytes(item)
                    current.extend(font.get(b, "\ufffd") for b in data)
    return out
