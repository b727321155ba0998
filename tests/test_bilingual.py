"""Bilingual editions: parallel, blocks and flip, for a Latin, an RTL and an Indic language."""
import io

import pypdfium2 as pdfium
import pytest
from PIL import ImageChops, ImageStat
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from leaflet import build, content, layout, markup, pdfcheck
from leaflet.impose import flip_order, sheet_order

from conftest import SEED
from text.pdftext import marked_positions, marked_texts, reading_texts

CASES = [(mode, code) for mode in ("parallel", "blocks", "flip") for code in ("pl", "ur", "bn")]


@pytest.fixture(scope="module")
def made():
    leaflet = content.load(SEED)
    editions, _ = build.editions_of(leaflet, ["en", "pl", "ur", "bn"])
    english = editions[0]
    out = {}
    for mode, code in CASES:
        first = next(e for e in editions if e.code == code)
        out[(mode, code)] = (first, english, build.make_bilingual(first, english, mode))
    return out


def elements(pdf: bytes):
    """(role, lang, text, first position, page) of each structure element, in structure order."""
    reader = PdfReader(io.BytesIO(pdf))
    pages = {p.indirect_reference.idnum: i for i, p in enumerate(reader.pages)}
    texts, places = marked_texts(pdf), marked_positions(pdf)
    out = []

    def visit(el, page):
        page = pages[el.raw_get("/Pg").idnum] if "/Pg" in el else page
        kids = el.get("/K", [])
        kids = kids if isinstance(kids, ArrayObject) else [kids]
        mcids, text = own_marks(el, page, pages, texts)
        mcids.sort(key=lambda m: (m[0], places.get(m, (0, 0))[1] * -1, m[1]))  # page, then top to bottom
        text = str(el["/ActualText"]) if "/ActualText" in el else text
        if el.get("/S") == "/Span":
            return  # read as part of its paragraph (own_marks)
        out.append((str(el["/S"])[1:], str(el.get("/Lang", "")), " ".join(text.split()),
                    places.get(mcids[0]) if mcids else None, mcids[0][0] if mcids else None))
        for k in kids:
            obj = k.get_object() if isinstance(k, IndirectObject) else k
            if isinstance(obj, DictionaryObject) and "/S" in obj and not (obj["/S"] == "/Span" and "/ActualText" in obj):
                visit(obj, page)

    visit(reader.trailer["/Root"]["/StructTreeRoot"]["/K"].get_object(), 0)
    return out


def own_marks(el, page, pages, texts) -> tuple[list[tuple[int, int]], str]:
    """An element's marked content and its text, with those of the Spans inside it:
    an English title in a translated sentence is a Span with its own /Lang, and a
    right-to-left run a Span whose /ActualText is its text in reading order."""
    kids = el.get("/K", [])
    mcids, text = [], []
    for k in kids if isinstance(kids, ArrayObject) else [kids]:
        obj = k.get_object() if isinstance(k, IndirectObject) else k
        if isinstance(obj, int):
            mcids.append((page, int(obj)))
            text.append(texts.get(mcids[-1], ""))
        elif isinstance(obj, DictionaryObject) and obj.get("/Type") == "/MCR":
            mcids.append((pages[obj.raw_get("/Pg").idnum], int(obj["/MCID"])))
            text.append(texts.get(mcids[-1], ""))
        elif isinstance(obj, DictionaryObject) and obj.get("/S") == "/Span":
            inner, said = own_marks(obj, pages[obj.raw_get("/Pg").idnum] if "/Pg" in obj else page, pages, texts)
            mcids += inner
            text.append(str(obj["/ActualText"]) if "/ActualText" in obj else said)
    return mcids, "".join(text)


def plain(block) -> str:
    return " ".join(markup.plain(block.spans).split())


@pytest.mark.parametrize("mode, code", CASES)
def test_pages_files_and_checker(made, mode, code):
    first, english, (screen, printed) = made[(mode, code)]
    assert screen.path.name == f"serious-case-reviews.{code}+en.screen.pdf"
    assert printed.path.name == f"serious-case-reviews.{code}+en.print.pdf"
    assert screen.pages % 4 == 0 and screen.pages >= 8 and screen.languages == (code, "en-GB")
    assert len(PdfReader(io.BytesIO(printed.data)).pages) == screen.pages // 2
    assert pdfcheck.check(screen.data) == []
    assert PdfReader(io.BytesIO(screen.data)).trailer["/Root"]["/Lang"] == code


@pytest.mark.parametrize("mode, code", CASES)
def test_every_block_in_both_languages_each_tagged_with_its_language(made, mode, code):
    first, english, (screen, _) = made[(mode, code)]
    els = elements(screen.data)
    ours = {t: lang for _, lang, t, _, _ in els if t}
    for block in first.leaflet.blocks():
        assert ours.get(plain(block)) == "", block.id  # the document's language: no /Lang needed
    for block in english.leaflet.blocks():
        assert ours.get(plain(block)) == "en-GB", block.id


@pytest.mark.parametrize("mode, code", [c for c in CASES if c[0] != "flip"])
def test_reading_order_pairs_each_block_with_its_translation(made, mode, code):
    first, english, (screen, _) = made[(mode, code)]
    order = [t for _, _, t, _, _ in elements(screen.data) if t]
    for a, b in zip(first.leaflet.sections, english.leaflet.sections):
        for x, y in zip([a.question, *a.answer], [b.question, *b.answer]):
            i = order.index(plain(x))
            assert order[i + 1] == plain(y)  # the translation straight after: read first, then English
    questions = [order.index(plain(s.question)) for s in first.leaflet.sections]
    assert questions == sorted(questions)


@pytest.mark.parametrize("code", ["pl", "ur", "bn"])
def test_parallel_columns_sides_and_pairing(made, code):
    first, english, (screen, _) = made[("parallel", code)]
    els = {t: (pos, page) for _, _, t, pos, page in elements(screen.data) if t and pos}
    width = float(PdfReader(io.BytesIO(screen.data)).pages[0].mediabox.width)
    for a, b in zip(first.leaflet.sections, english.leaflet.sections):
        for x, y in zip([a.question, *a.answer], [b.question, *b.answer]):
            (xa, ya), pa = els[plain(x)]
            (xb, yb), pb = els[plain(y)]
            assert pa == pb  # on the same page
            assert abs(ya - yb) < 16  # first baselines level (a Nastaliq line sits lower in its taller box)
            community_left = xa < width / 2
            assert community_left == (not first.rtl)  # LTR community language on the left, RTL on the right
            assert (xb < width / 2) == first.rtl


def rendered(pdf: bytes) -> list:
    return [p.render(scale=0.5).to_pil().convert("L") for p in pdfium.PdfDocument(pdf)]


@pytest.mark.parametrize("code", ["pl", "ur"])
def test_flip_print_file_puts_english_from_the_back_cover(made, code):
    """Polish and English: the English half upside down. Urdu and English:
    both upright, the Urdu bound on the right, the English on the left."""
    first, english, (screen, printed) = made[("flip", code)]
    pages = rendered(screen.data)
    n = len(pages)
    half = n // 2
    where = {t: page for _, _, t, _, page in elements(screen.data) if t}
    english_pages = {where[plain(b)] for b in english.leaflet.blocks() if not b.id.startswith("contact.")}
    first_pages = {where[plain(b)] for b in first.leaflet.blocks() if not b.id.startswith("contact.")}
    assert min(english_pages) >= half > max(first_pages)  # each language has its own half of the screen file
    order = flip_order(n, mixed=first.rtl)
    turned = not first.rtl
    assert order[0] == (1, False) and order[-1] == (half + 1, turned) and order[half] == (n, turned)
    sheets = rendered(printed.data)
    small = [p.resize((60, 85)) for p in pages]
    for (left, right), sheet in zip(sheet_order(n, rtl=first.rtl), sheets):
        w, h = sheet.size
        for position, box in ((left, (0, 0, w // 2, h)), (right, (w // 2, 0, w, h))):
            image = sheet.crop(box)
            page, upside_down = order[position - 1]
            if upside_down:
                image = image.rotate(180)
            image = image.resize((60, 85))
            diffs = [ImageStat.Stat(ImageChops.difference(image, p)).mean[0] for p in small]
            assert diffs.index(min(diffs)) + 1 == page


def _page_texts(pdf: bytes) -> list[str]:
    """Each page's text as a screen reader gets it, in drawing order (right-to-left
    runs read through their /ActualText)."""
    texts = reading_texts(pdf)
    pages = max(page for page, _ in texts) + 1
    return [" ".join(" ".join(texts[k] for k in sorted(texts) if k[0] == n).split()) for n in range(pages)]


@pytest.mark.parametrize("mode, code", [c for c in CASES if c[0] != "flip"])
def test_the_back_matter_keeps_its_order_and_the_contact_its_panel(made, mode, code):
    """Read from the PDF: the English introduction ("...by contacting:") leads
    straight into the contact, nothing between; the whole contact (name to
    website) is on the back page, on a tinted panel; further reading and the
    date on the back page come after it (when the back page cannot hold them,
    they follow the questions instead)."""
    first, english, (screen, _) = made[(mode, code)]
    pages = _page_texts(screen.data)
    text = " ".join(pages)
    intro = text.find("In this leaflet we have answered")
    name = text.find("Lee Hopkins", intro)
    assert -1 < intro < name, (intro, name)
    assert "Every Child Matters" not in text[intro:name] and "Updated 26" not in text[intro:name]
    holding = [i for i, t in enumerate(pages) if "Lee Hopkins" in t]
    assert holding == [len(pages) - 1], holding  # on the back page, once (a name is the same in both languages)
    back = pages[-1]
    assert back.find("Lee Hopkins") < back.find("www.kingstonlscb.org.uk")
    for later in ("Every Child Matters", "Updated 26 November 2026"):
        assert later not in back or back.find(later) > back.find("www.kingstonlscb.org.uk"), later
    doc = pdfium.PdfDocument(screen.data)
    image = doc[len(doc) - 1].render(scale=1).to_pil().convert("RGB")
    doc.close()
    tint = layout.load(first.leaflet.layout).colours["panel"]
    panel = tuple(int(tint[i:i + 2], 16) for i in (1, 3, 5))
    near = sum(n for n, px in image.getcolors(1 << 20) if max(abs(a - b) for a, b in zip(px, panel)) <= 3)
    assert near > 2000, near  # points of the back page in the panel's tint


@pytest.mark.parametrize("form", ["parallel", "blocks"])
def test_a_bilingual_cover_says_its_front_text_and_languages_heading_in_both_languages(form):
    """The foot panel of a bilingual cover: the community language's front text and
    'also available in' heading, then the English ones (page 1's text, pdfium)."""
    import pypdfium2 as pdfium
    from leaflet import build as builds, content as contents
    leaflet = contents.load(SEED.parent / "private-fostering.yaml")
    editions, _ = builds.editions_of(leaflet, ["all"])
    english = next(e for e in editions if e.is_english)
    bn = next(e for e in editions if e.code == "bn")
    screen = builds.make_bilingual(bn, english, form)[0]
    text = pdfium.PdfDocument(screen.data)[0].get_textpage().get_text_range().replace("\r\n", " ")
    assert "This leaflet is also available in:" in text
    assert "Is your child living with someone who is not a close relative?" in text
    assert bn.labels.also_available in text and text.index(bn.labels.also_available) < text.index("This leaflet")
