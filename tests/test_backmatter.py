"""Back matter a back page cannot hold moves, whole, to the pages before it;
page footers sit below the text in every script. Read from the PDFs."""
from __future__ import annotations

import ctypes
import io
import re

import pypdf
import pypdfium2 as pdfium
import pypdfium2.raw as raw
import pytest

from leaflet import build, content, layout, markup

from conftest import ROOT, SEED
from test_layout_editions import built, check_inside
from test_layout_geometry import run

CPC = ROOT / "content" / "child-protection-conference.yaml"
FOSTERING = ROOT / "content" / "private-fostering.yaml"

# (leaflet, language, layout, bilingual form): each has back matter that its back cannot hold
MOVED = [(CPC, "ur", "a4-sheet", "parallel"), (CPC, "ur", "a4-sheet", "blocks"),
         (SEED, "ur", "large-print", None), (SEED, "ur", "large-print", "blocks"),
         (SEED, "ur", "large-print", "parallel"), (CPC, "ur", "large-print", "parallel"),
         (CPC, "ur", "large-print", None), (FOSTERING, "ur", "a4-sheet", "parallel")]


# the lead-in and the contact beside their English, in large print, are taller than a page
TALLER = [(SEED, "ur", "large-print", "parallel")]


def texts(pdf: bytes) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def test_the_parallel_urdu_conference_leaflet_builds_in_the_a4_sheet(tmp_path):
    r = run("build", CPC, "--lang", "ur", "--bilingual", "parallel", "--layout", "a4-sheet", "--out", tmp_path, "-q")
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "child-protection-conference" / "child-protection-conference.ur+en.a4-sheet.screen.pdf").exists()


def contact_values(editions, merged: bool) -> list[str]:
    """The numbers and e-mail addresses each edition's contact panels set.
    `merged`: one bilingual panel a contact, where a line the same in both
    languages ("Relay UK: ..." untranslated) is set once."""
    out = []
    for n in range(len(editions[0].leaflet.contacts)):
        seen = set()
        for e in editions:
            c = e.leaflet.contacts[n]
            data = [(e.labels.phone(p.kind), p.display) for p in c.phones]
            for label, value in data + ([(e.labels.email, c.email)] if c.email else []):
                if not (merged and (label, value) in seen):
                    out.append(value)
                seen.add((label, value))
    return out


@pytest.mark.parametrize("path,code,name,form", MOVED, ids=lambda v: getattr(v, "stem", v))
def test_every_number_and_address_is_set_once_in_each_language(path, code, name, form):
    pdf = built(str(path), code, name, form).data
    text = " ".join(texts(pdf))
    editions = build.editions_of(content.load(path), ["en", code] if form else [code])[0][::-1]
    L = layout.load(name)
    # a column layout's parallel form sets each language's panel beside the other's
    beside = bool(form) and L.in_columns and form == "parallel"
    values = contact_values(editions, merged=bool(form) and not beside)
    # the contact panels, from the first contact's name (data: the same in both languages) in
    # its panel (the questions may name it too), to the end: where they were moved to, and the back
    first = editions[0].leaflet.contacts[0].name
    panels = text[[m.start() for m in re.finditer(re.escape(first), text)][-2 if beside else -1]:]
    for value in values:  # "01632 960 200" is also in the Relay UK number "18001 01632 960 200"
        assert panels.count(value) == sum(other.count(value) for other in values), value
    check_inside(pdf, L, f"{path.stem} {code} {form}")


@pytest.mark.parametrize("path,code,name,form", [m for m in MOVED if m[3] and m[0] != FOSTERING],
                         ids=lambda v: getattr(v, "stem", v))  # its back has no introduction
def test_the_lead_in_is_on_the_page_of_the_first_contact(path, code, name, form):
    pdf = built(str(path), code, name, form).data
    pages = texts(pdf)
    leaflet = content.load(path)
    lead = " ".join(markup.plain(leaflet.intro[-1].spans).split()[-6:])  # the English side's lead-in
    first, last = leaflet.contacts[0].name, leaflet.contacts[-1].name
    on = [n for n, t in enumerate(pages) if lead in t]
    assert len(on) == 1, (lead, on)
    contact = min(n for n, t in enumerate(pages) if first in t)
    if on[0] != contact:  # a lead-in and contact taller than a page: it ends the page before (Urdu, 16 pt)
        assert on[0] == contact - 1 and not re.search("[A-Za-z]", pages[on[0]].split(lead)[1]), pages[on[0]]
        assert (path, code, name, form) in TALLER
    assert last in pages[-1]  # the last contact stays on the back


def _marks(obj) -> list[str]:
    out = []
    for j in range(raw.FPDFPageObj_CountMarks(obj)):
        mark, n = raw.FPDFPageObj_GetMark(obj, j), ctypes.c_ulong(0)
        raw.FPDFPageObjMark_GetName(mark, None, 0, ctypes.byref(n))
        buf = ctypes.create_string_buffer(n.value)
        raw.FPDFPageObjMark_GetName(mark, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)), n.value, ctypes.byref(n))
        out.append(buf.raw[:n.value].decode("utf-16-le").rstrip("\x00"))
    return out


def footers_and_text(pdf: bytes):
    """Per page: the tops of the footer's glyphs (Artifact text in the page's lower
    half) and the bottoms of the content's glyphs, in points: pdfium's loose
    boxes, from the fonts' ascent and descent (its tight boxes miss most of a
    Nastaliq kaf's height)."""
    doc = pdfium.PdfDocument(pdf)
    for page in doc:
        textpage, feet, body = page.get_textpage(), [], []
        for i in range(textpage.count_chars()):
            ch = textpage.get_text_range(i, 1)
            if not ch or ch.isspace():
                continue
            box = raw.FS_RECTF()
            raw.FPDFText_GetLooseCharBox(textpage.raw, i, box)
            bottom, top = box.bottom, box.top
            if "Artifact" in _marks(raw.FPDFText_GetTextObject(textpage.raw, i)):
                if top < page.get_height() / 2:
                    feet.append(top)
            else:
                body.append(bottom)
        yield feet, body


@pytest.mark.parametrize("path,code,name,form", [
    (SEED, "ur", "large-print", None), (SEED, "ur", "large-print", "blocks"), (SEED, "ur", "large-print", "parallel"),
    (SEED, "ar", "large-print", None), (SEED, "ta", "large-print", None), (SEED, "bn", "large-print", None),
    (SEED, "en", "large-print", None), (CPC, "ur", "large-print", None), (SEED, "ur", "a4-sheet", None),
    (SEED, "ur", "a5-fold", None)], ids=lambda v: getattr(v, "stem", v))
def test_the_footer_is_below_the_lowest_text_on_every_page(path, code, name, form):
    pdf = built(str(path), code, name, form).data
    pages = list(footers_and_text(pdf))
    footed = [n for n, (feet, _) in enumerate(pages, 1) if feet]
    assert footed and all(n in footed for n in range(2, len(pages)))  # every inner page has one
    for n, (feet, body) in enumerate(pages, 1):
        if feet and body:
            assert max(feet) <= min(body) + 0.1, f"p.{n}: footer's glyphs up to {max(feet):.1f} pt, text down to " \
                                          f"{min(body):.1f} pt"
