"""Keep with next, read from the structure tree of every edition and form:
a question and the first paragraph of its answer start on the same page, and
so do a lead-in ending with a colon and what it leads in to."""
import io

import pytest
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from leaflet.typeset.story import LEAD_IN_ENDS

from outputs import every_output, names
from text.pdftext import reading_texts as marked_texts  # right-to-left runs in reading order


def elements(pdf: bytes) -> list[tuple[str, str, list[int]]]:
    """(role, own text, pages of its marked content in order) of each element, in structure order."""
    reader = PdfReader(io.BytesIO(pdf))
    pages = {p.indirect_reference.idnum: i + 1 for i, p in enumerate(reader.pages)}
    texts = marked_texts(pdf)
    out = []

    def own(el, page) -> list[tuple[int, int]]:
        """An element's marked content, with that of the Spans inside it (a run in
        another language, or a right-to-left run: part of its paragraph)."""
        kids = el.get("/K", [])
        marks = []
        for k in kids if isinstance(kids, ArrayObject) else [kids]:
            obj = k.get_object() if isinstance(k, IndirectObject) else k
            if isinstance(obj, int):
                marks.append((page, obj))
            elif isinstance(obj, DictionaryObject) and obj.get("/Type") == "/MCR":
                marks.append((pages[obj.raw_get("/Pg").idnum], int(obj["/MCID"])))
            elif isinstance(obj, DictionaryObject) and obj.get("/S") == "/Span":
                marks += own(obj, pages[obj.raw_get("/Pg").idnum] if "/Pg" in obj else page)
        return marks

    def visit(el, page):
        page = pages[el.raw_get("/Pg").idnum] if "/Pg" in el else page
        kids = el.get("/K", [])
        kids = kids if isinstance(kids, ArrayObject) else [kids]
        marks = own(el, page)
        text = "".join(texts.get((p - 1, m), "") for p, m in marks)
        out.append((str(el["/S"])[1:], " ".join(text.split()), [p for p, _ in marks]))
        for k in kids:
            obj = k.get_object() if isinstance(k, IndirectObject) else k
            if isinstance(obj, DictionaryObject) and "/S" in obj and obj["/S"] != "/Span":
                visit(obj, page)

    visit(reader.trailer["/Root"]["/StructTreeRoot"]["/K"].get_object(), 1)
    return out


def leads(role: str, text: str) -> bool:
    return role == "H2" or (role == "P" and text.endswith(LEAD_IN_ENDS))


@pytest.mark.parametrize("name", names())
def test_no_question_or_lead_in_is_the_last_thing_on_its_page(name):
    screen = every_output()[name][3]
    content = [e for e in elements(screen.data) if e[2]]
    checked = 0
    for i, (role, text, pages) in enumerate(content):
        if not leads(role, text):
            continue
        # the next element that is not itself a heading or lead-in (in a
        # bilingual form, the question's translation comes first)
        after = next((e for e in content[i + 1:] if not leads(e[0], e[1])), None)
        assert after is not None, f"{name}: '{text[:40]}' leads to nothing"
        assert after[2][0] == pages[-1], (f"{name}: '{text[:40]}' ends page {pages[-1]}, "
                                          f"'{after[1][:40]}' starts page {after[2][0]}")
        checked += 1
    questions = len(every_output()[name][0].leaflet.sections)
    assert checked >= questions + 1  # every question, and at least the back's "...by contacting:"
