"""Block types in the built PDFs of the example leaflets: their structure tree
(pypdf), their marked text, their rendered pixels (pypdfium2)."""
import io

import pypdfium2 as pdfium
import pytest
import segno
from pypdf import PdfReader
from pypdf.generic import ArrayObject, ContentStream, DictionaryObject, IndirectObject

from leaflet import build, content, layout, pdfcheck
from leaflet.layout import MM
from leaflet.text.paragraph import TextBlock

from conftest import ROOT, page_texts
from text.pdftext import marked_positions, reading_texts as marked_texts  # RTL runs in reading order

CPC = ROOT / "content" / "child-protection-conference.yaml"
PF = ROOT / "content" / "private-fostering.yaml"
COLOURS = layout.load("a5-fold").colours


@pytest.fixture(scope="module")
def made():
    """(leaflet id, code) -> (edition, screen bytes)"""
    out = {}
    for path in (CPC, PF):
        leaflet = content.load(path)
        editions, warnings = build.editions_of(leaflet, ["en", "bn", "ur"])
        assert warnings == []
        for e in editions:
            out[(leaflet.id, e.code)] = (e, build.make(e)[0].data)
    return out


class El:
    def __init__(self, role, obj, kids, text):
        self.role, self.obj, self.kids, self.text = role, obj, kids, text

    def find(self, role):
        if self.role == role:
            yield self
        for k in self.kids:
            yield from k.find(role)

    def all_text(self) -> str:
        return self.text + "".join(k.all_text() for k in self.kids)


def tree(pdf: bytes) -> El:
    reader = PdfReader(io.BytesIO(pdf))
    pages = {p.indirect_reference.idnum: i for i, p in enumerate(reader.pages)}
    texts = marked_texts(pdf)

    def visit(obj, page):
        page = pages[obj.raw_get("/Pg").idnum] if "/Pg" in obj else page
        kids, own = [], ""
        raw = obj.get("/K", [])
        for kid in raw if isinstance(raw, ArrayObject) else [raw]:
            k = kid.get_object() if isinstance(kid, IndirectObject) else kid
            if isinstance(k, int):
                own += texts.get((page, int(k)), "")
            elif isinstance(k, DictionaryObject) and k.get("/Type") == "/MCR":
                own += texts.get((pages[k.raw_get("/Pg").idnum], int(k["/MCID"])), "")
            elif isinstance(k, DictionaryObject) and k.get("/S") == "/Span" and "/ActualText" in k:
                own += str(k["/ActualText"])  # a right-to-left run, in reading order
            elif isinstance(k, DictionaryObject) and "/S" in k:
                kids.append(visit(k, page))
        return El(str(obj["/S"])[1:], obj, kids, str(obj["/ActualText"]) if "/ActualText" in obj else own)

    root = reader.trailer["/Root"]["/StructTreeRoot"].get_object()
    return visit(root["/K"].get_object(), None)


def test_every_example_edition_passes_the_pdf_ua_checks(made):
    for key, (_, pdf) in made.items():
        assert pdfcheck.check(pdf) == [], key


def test_lists_are_L_LI_with_Lbl_and_LBody_and_nest_one_level(made):
    _, pdf = made[("child-protection-conference", "en")]
    lists = [l for l in tree(pdf).find("L")]
    top = [l for l in lists if l.kids and "you and anyone" in l.all_text()][0]
    assert [li.role for li in top.kids] == ["LI"] * 4
    for li in top.kids:
        assert [k.role for k in li.kids] == ["Lbl", "LBody"]
        assert li.kids[0].text == "\u2022"
    third = top.kids[2].kids[1]  # LBody of "other professionals..." holds the nested L
    assert third.text == "other professionals who know your child"
    (nested,) = [k for k in third.kids if k.role == "L"]
    assert [li.kids[1].text for li in nested.kids] == [
        "a teacher or the school's safeguarding lead", "a health visitor, school nurse or doctor",
        "the police, if they have been involved"]
    assert all(li.kids[0].text == "\u2013" for li in nested.kids)
    numbered = [l for l in lists if "Your social worker writes" in l.all_text()][0]
    assert [li.kids[0].text for li in numbered.kids] == ["1.", "2.", "3."]


def test_numbers_are_in_the_editions_numbering_system(made):
    _, pdf = made[("child-protection-conference", "bn")]
    numbered = [l for l in tree(pdf).find("L") if "রিপোর্টটি পড়ুন" in l.all_text()][0]
    assert [li.kids[0].text for li in numbered.kids] == ["১.", "২.", "৩."]  # Bengali digits
    _, pdf = made[("private-fostering", "ur")]
    numbered = [l for l in tree(pdf).find("L") if "سوشل" in l.all_text() or "گھر پر" in l.all_text()][0]
    assert [li.kids[0].text for li in numbered.kids] == ["1.", "2.", "3."]  # CLDR: Urdu uses Latin digits


def test_table_has_a_header_row_of_TH_with_column_scope(made):
    for code, heading in (("en", "Part of the meeting"), ("bn", "সভার অংশ")):
        _, pdf = made[("child-protection-conference", code)]
        (table,) = tree(pdf).find("Table")
        rows = table.kids
        assert [r.role for r in rows] == ["TR"] * 6
        assert [c.role for c in rows[0].kids] == ["TH", "TH"] and rows[0].kids[0].text == heading
        for th in rows[0].kids:
            assert th.obj["/A"]["/Scope"] == "/Column" and th.obj["/A"]["/O"] == "/Table"
        assert all([c.role for c in r.kids] == ["TD", "TD"] for r in rows[1:])
    _, pdf = made[("child-protection-conference", "en")]
    (table,) = tree(pdf).find("Table")
    assert [c.text for c in table.kids[3].kids] == [
        "Your views", "You say what you think. You can also give the chair something in writing."]


def test_figures_have_alt_text_and_decorative_images_are_artifacts(made):
    for code, alt in (("en", "A drawing of a house, with an adult holding a child's hand outside it."),
                      ("ur", "ایک گھر کی تصویر، جس کے باہر ایک بالغ شخص نے ایک بچے کا ہاتھ پکڑا ہوا ہے۔")):
        _, pdf = made[("private-fostering", code)]
        figures = list(tree(pdf).find("Figure"))
        assert [str(f.obj["/Alt"]) for f in figures] == [alt]
        # the PNG of dots is drawn (Do) inside an Artifact; the SVG is vector paths, no image at all
        reader = PdfReader(io.BytesIO(pdf))
        draws = [stack for page in reader.pages for stack, op in marked_operators(reader, page) if op == b"Do"]
        assert draws == [["/Artifact"]]


def test_svg_figure_is_drawn_as_vectors(made):
    _, pdf = made[("private-fostering", "en")]
    page = PdfReader(io.BytesIO(pdf)).pages[1]
    ops = ContentStream(page.get_contents(), page.pdf).operations
    inside, paths = False, 0
    for operands, op in ops:
        if op == b"BDC" and str(operands[0]) == "/Figure":
            inside = True
        elif op == b"EMC" and inside:
            break
        elif inside and op in (b"f", b"B", b"S", b"f*"):
            paths += 1
    assert paths >= 10  # the house, the people: filled and stroked shapes, not a picture
    assert "/XObject" not in page["/Resources"] or not page["/Resources"]["/XObject"]


def render(pdf: bytes, index: int, scale: float = 4.0):
    page = pdfium.PdfDocument(pdf)[index]
    return page.render(scale=scale).to_pil().convert("RGB"), page.get_height(), scale


def mcid_of(pdf: bytes, needle: str):
    return next(k for k, t in marked_texts(pdf).items() if needle in t)


def rgb(hex_colour: str):
    return tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))


def near(a, b, tol=6):
    return all(abs(x - y) <= tol for x, y in zip(a, b))


@pytest.mark.parametrize("code, needle, rtl", [("en", "If a child is in danger now", False),
                                               ("bn", "কোনো শিশু যদি এখনই বিপদে থাকে", False)])
def test_safety_callout_is_a_tinted_box_with_a_bar_at_its_start_edge(made, code, needle, rtl):
    _, pdf = made[("child-protection-conference", code)]
    page, mcid = mcid_of(pdf, needle)
    x, y = marked_positions(pdf)[(page, mcid)]
    image, height, s = render(pdf, page)
    py = int((height - y - 3) * s)  # just above the title's baseline: inside the box
    row = [image.getpixel((px, py)) for px in range(image.width)]
    # from the margin inwards: the bar, then the box's tint up to the text
    margin = int(13 * MM * s)
    assert near(row[margin + 2], rgb(COLOURS["safety_edge"]))
    assert near(row[int((x - 3) * s)], rgb(COLOURS["safety"]))
    assert near(row[int((148 * MM - 13 * MM - 3) * s)], rgb(COLOURS["safety"]))  # tint to the far edge
    assert near(row[margin - 6], (255, 255, 255))  # paper outside the box


def test_callout_bar_is_on_the_right_in_urdu(made):
    _, pdf = made[("private-fostering", "ur")]
    page, mcid = mcid_of(pdf, "قانون کے مطابق")
    x, y = marked_positions(pdf)[(page, mcid)]
    image, height, s = render(pdf, page)
    py = int((height - y - 3) * s)
    right_margin_x = (148 * MM - (13 * MM)) * s
    assert near(image.getpixel((int(right_margin_x - 3), py)), rgb(COLOURS["important_edge"]))
    assert near(image.getpixel((int(13 * MM * s + 4), py)), rgb(COLOURS["important"]))


def ink_columns(image, y0: int, y1: int, threshold: int = 120) -> list[int]:
    return [x for x in range(image.width)
            if any(sum(image.getpixel((x, y))) / 3 < threshold for y in range(y0, y1))]


def test_list_items_have_a_hanging_indent(made):
    """A wrapped item's second line starts under its first word, not under the number."""
    _, pdf = made[("child-protection-conference", "en")]
    page, mcid = mcid_of(pdf, "Your social worker writes a report")
    x_text, y1 = marked_positions(pdf)[(page, mcid)]
    image, height, s = render(pdf, page)
    leading = 10 * 1.42  # the body size this edition is set at (checked below) x leading
    line1 = ink_columns(image, int((height - y1 - 7) * s), int((height - y1) * s))
    line2 = ink_columns(image, int((height - y1 + leading - 7) * s), int((height - y1 + leading) * s))
    margin = 13 * MM * s
    assert min(line1) < x_text * s - 4 * s  # the number "1." hangs in the indent
    assert min(line1) > margin  # ...which starts inside the margin
    assert abs(min(line2) - x_text * s) < 1.5 * s  # line 2 starts where the text of line 1 does
    assert x_text - 13 * MM > 8  # a real indent


def test_list_labels_hang_on_the_right_in_urdu(made):
    _, pdf = made[("private-fostering", "ur")]
    positions, texts = marked_positions(pdf), marked_texts(pdf)
    label = next(k for k, t in texts.items() if t == "\u2022")
    body = next(k for k, t in texts.items() if t == "دادا دادی اور نانا نانی")
    right_edge = 148 * MM - 13 * MM
    x, y = positions[label]
    assert right_edge - 16 < x < right_edge  # the bullet hangs at the right margin (within an em: 8 pages at 16 pt)
    image, height, s = render(pdf, label[0])
    ink = ink_columns(image, int((height - y - 4) * s), int((height - y) * s))
    bullet = [c for c in ink if c >= x * s - 1]
    text = [c for c in ink if c < x * s - 1]
    assert bullet and text and max(text) < min(bullet) - 2 * s  # the text to its left, a gap between
    assert positions[body][1] == pytest.approx(y, abs=3)  # on the same line


def test_qr_code_is_at_least_20mm_encodes_the_address_and_prints_it(made):
    _, pdf = made[("child-protection-conference", "en")]
    url = "https://www.gov.uk/government/publications/working-together-to-safeguard-children--2"
    figures = [f for f in tree(pdf).find("Figure")]
    assert [str(f.obj["/Alt"]) for f in figures] == [f"QR code for {url[8:]}"]
    page = next(i for i, t in enumerate(page_texts(pdf)) if "working-together-to-safeguard" in t)
    image, height, s = render(pdf, page, scale=6)
    # find the code: the largest dark square block on the page's left half
    dark = [(x, y) for y in range(0, image.height, 2) for x in range(0, image.width // 3, 2)
            if image.getpixel((x, y)) == (0, 0, 0)]
    x0, x1 = min(x for x, _ in dark), max(x for x, _ in dark)
    y0, y1 = min(y for _, y in dark), max(y for _, y in dark)
    matrix = segno.make(url, error="m", micro=False).matrix
    n = len(matrix)
    module = (x1 - x0 + 2) / n
    assert abs((y1 - y0 + 2) / n - module) < 0.5  # square
    quiet = 4
    assert (n + 2 * quiet) * module / s / MM >= 20 - 0.1  # the code with its quiet zone, at least 20 mm
    for r in range(n):  # every module drawn as the library encoded it
        for c in range(n):
            px = image.getpixel((int(x0 + (c + 0.5) * module), int(y0 + (r + 0.5) * module)))
            assert (px == (0, 0, 0)) == bool(matrix[r][c]), (r, c)
    assert "www.gov.uk/government/publications/" in page_texts(pdf)[page]


def test_references_print_the_contacts_linked_number_in_every_language(made):
    for code in ("en", "bn"):
        _, pdf = made[("child-protection-conference", code)]
        text = page_texts(pdf)[1]
        assert "01632 960 200" in text and "{advice.telephone}" not in text
        reader = PdfReader(io.BytesIO(pdf))
        uris = [a.get_object()["/A"]["/URI"] for page in reader.pages[1:-1] for a in page.get("/Annots", [])]
        assert "tel:+441632960200" in uris and "tel:08081570123" not in uris
        assert "tel:+448081570123" in uris  # the advocacy freephone, referenced in the tip


def test_back_page_lists_every_contact_with_labelled_numbers_and_hours(made):
    _, pdf = made[("child-protection-conference", "en")]
    back = page_texts(pdf)[-1]
    for line in ("Telephone: 01632 960 100", "Opening hours:", "Monday–Thursday: 09:00–17:00",
                 "Friday: 09:00–16:30", "Out of hours: 01632 960 999", "Relay UK: 18001 01632 960 200",
                 "Freephone: 0808 157 0123", "Website: www.riverside.example.org.uk/advocacy"):
        assert line in back, line
    _, pdf = made[("child-protection-conference", "bn")]
    back = page_texts(pdf)[-1]
    assert "খোলার সময়:" in back and "সোমবার–বৃহস্পতিবার" in back and "বিনামূল্যের ফোন: 0808 157 0123" in back


def long_table_leaflet(tmp_path, rows: int = 40):
    text = BASE_TABLE.format(rows="\n".join(f"              - [Service {n}, \"What service {n} does for families, "
                                            f"in a sentence long enough to wrap.\"]" for n in range(1, rows + 1)))
    path = tmp_path / "long.yaml"
    path.write_text(text)
    return content.load(path)


BASE_TABLE = """id: long-table
organisation: Test Council
front:
  title: Services
  subtitle: Who does what
sections:
  - id: services
    question: Which services can help?
    answer:
      - id: list
        table:
          header: [Service, What it does]
          rows:
{rows}
"""


def test_a_split_table_repeats_its_header_as_an_artifact(tmp_path):
    from leaflet.edition import english
    ed = english(long_table_leaflet(tmp_path))
    screen = build.make(ed)[0]
    assert pdfcheck.check(screen.data) == []
    (table,) = tree(screen.data).find("Table")
    assert len(table.kids) == 41 and [c.role for c in table.kids[0].kids] == ["TH", "TH"]
    assert sum(1 for r in table.kids for c in r.kids if c.role == "TH") == 2  # the header once in the structure
    pages = [i for i, t in enumerate(page_texts(screen.data)) if "What service" in t]
    assert len(pages) >= 2
    for i in pages:  # ...and on every page the table reaches
        assert "Service What it does" in page_texts(screen.data)[i]
    # the continuation's header is drawn as an Artifact
    reader = PdfReader(io.BytesIO(screen.data))
    page = reader.pages[pages[1]]
    in_artifact = [op for stack, op in marked_operators(reader, page) if op == b"TJ" and stack[-1:] == ["/Artifact"]]
    assert len(in_artifact) >= 3  # the two headings (and the page footer)


def test_table_columns_run_right_to_left_in_an_rtl_edition(tmp_path):
    from leaflet.edition import Edition
    from leaflet.typeset import figures, story
    lf = long_table_leaflet(tmp_path, rows=2)
    lo = layout.load("a5-fold")
    for language, rtl in (("en-GB", False), ("ur", True)):
        ed = Edition(lf, language)
        flow = story.faq(ed, lo, 11)
        (table,) = [f for f in flow if isinstance(f, figures.Table)]
        table.wrap(340, 800)
        xs = []
        x = 0.0
        for w in table.widths:
            xs.append(340 - x - w if rtl else x)
            x += w
        assert (xs[0] > xs[1]) == rtl
        head, tail = table.split(340, table.heights[0] + table.heights[1] + 1)
        assert [c.role for c in tail.repeat] == ["Artifact", "Artifact"] and len(tail.rows) == 1
        assert head.weights == tail.weights  # the columns line up across the split


@pytest.mark.parametrize("mode", ["parallel", "blocks", "flip"])
def test_bilingual_forms_set_every_block_in_both_languages(made, mode):
    for leaflet_id, code in (("private-fostering", "ur"), ("child-protection-conference", "bn"),
                             ("private-fostering", "bn"), ("child-protection-conference", "ur")):
        first, english = made[(leaflet_id, code)][0], made[(leaflet_id, "en")][0]
        screen = build.make_bilingual(first, english, mode)[0]
        assert pdfcheck.check(screen.data) == [], (leaflet_id, mode)
        root = tree(screen.data)
        langs = lambda role: sorted(str(e.obj.get("/Lang", "-")) for e in root.find(role))
        one = tree(made[(leaflet_id, "en")][1])
        lists = lambda t: [l for l in t.find("L") if any(k.role == "Lbl" for li in l.kids for k in li.kids)]
        assert len(lists(root)) == 2 * len(lists(one))  # (the list of languages is on the cover once)
        assert len(list(root.find("Sect"))) == 2 * len(list(one.find("Sect")))
        assert len(list(root.find("Table"))) == 2 * len(list(one.find("Table")))
        assert len(list(root.find("Figure"))) == 2 * len(list(one.find("Figure")))
        if leaflet_id == "private-fostering":
            reader = PdfReader(io.BytesIO(screen.data))
            images = sum(1 for page in reader.pages for _, op in ContentStream(page.get_contents(), reader).operations
                         if op == b"Do")
            assert images == (2 if mode == "flip" else 1)  # the decorative image once beside itself, not twice
            alts = sorted(str(f.obj["/Alt"]) for f in root.find("Figure"))
            assert alts[0].startswith("A drawing of a house") and alts[1].startswith(("ایک گھر", "একটি বাড়ির"))
        assert "en-GB" in langs("LBody") or "-" in langs("LBody")


def test_a_tall_figure_is_scaled_to_fit_and_an_unsplittable_block_fails_plainly(tmp_path):
    from PIL import Image
    from leaflet.edition import english
    from leaflet.errors import LeafletError
    from leaflet.typeset import typeset

    Image.new("RGB", (100, 1200), "navy").save(tmp_path / "tall.png")
    text = BASE_TABLE.replace("""      - id: list
        table:
          header: [Service, What it does]
          rows:
{rows}
""", """      - id: tall
        figure: tall.png
        alt: A tall blue bar
        width_mm: 100
""")
    (tmp_path / "tall.yaml").write_text(text)
    result = typeset(english(content.load(tmp_path / "tall.yaml")), layout.load("a5-fold"))
    assert result.pages == 4 and pdfcheck.check(result.pdf) == []
    huge = "word " * 390  # under the 2,000-character block limit, still taller than a page in a cell
    (tmp_path / "huge.yaml").write_text(BASE_TABLE.format(rows=f"              - [A, \"{huge}\"]"))
    with pytest.raises(LeafletError, match=r"a table is taller than a whole page and cannot be split"):
        typeset(english(content.load(tmp_path / "huge.yaml")), layout.load("a5-fold"))


def test_the_print_file_shows_a_links_address_after_its_words(tmp_path):
    leaflet = content.load(PF)
    (ed,), _ = build.editions_of(leaflet, ["en"])
    screen, printed = build.make(ed)
    screen_text, print_text = " ".join(page_texts(screen.data)), " ".join(page_texts(printed.data))
    assert "contact Coram Children's Legal Centre." in screen_text
    assert "contact Coram Children's Legal Centre (www.childrenslegalcentre.com)." in print_text
    # a reference prints its number once, in both: its words are its address
    assert screen_text.count("01632 960 300") == print_text.count("01632 960 300") == 2


def test_overlong_words_inside_blocks_are_reported(tmp_path):
    from leaflet.edition import english
    from leaflet.typeset import typeset

    word = "Antidisestablishmentarianism" * 3
    (tmp_path / "w.yaml").write_text(BASE_TABLE.format(rows=f"              - [{word}, b]"))
    result = typeset(english(content.load(tmp_path / "w.yaml")), layout.load("a5-fold"))
    assert any("faq.services.list.r1c1" in w and "wider than a line" in w for w in result.warnings)


def test_urdu_table_runs_right_to_left_and_keeps_its_structure(made):
    _, pdf = made[("child-protection-conference", "ur")]
    assert pdfcheck.check(pdf) == []
    (table,) = tree(pdf).find("Table")
    first = table.kids[0].kids
    assert [c.text for c in first] == ["میٹنگ کا حصہ", "کیا ہوتا ہے"]  # logical order in the structure
    positions, texts = marked_positions(pdf), marked_texts(pdf)
    part = next(k for k, t in texts.items() if t == "میٹنگ کا حصہ")
    what = next(k for k, t in texts.items() if t == "کیا ہوتا ہے")
    assert positions[part][0] > positions[what][0] + 60  # the first column on the right


def test_contacts_the_back_page_cannot_hold_follow_the_questions_each_kept_whole(tmp_path):
    import shutil
    from leaflet.edition import english

    shutil.copytree(ROOT / "content" / "images", tmp_path / "images")
    text = CPC.read_text()
    extra = "".join(f"    - id: extra{n}\n      name: Extra service {n}\n      team: Team {n}\n"
                    f"      address: [1 Road, Town]\n      postcode: RV1 2AB\n      telephone: 01632 960 4{n:02d}\n"
                    f"      email: extra{n}@riverside.example.org.uk\n" for n in range(5))
    (tmp_path / "many.yaml").write_text(text.replace("  contacts:\n", "  contacts:\n" + extra))
    ed = english(content.load(tmp_path / "many.yaml"))
    screen = build.make(ed)[0]
    assert pdfcheck.check(screen.data) == []
    pages = page_texts(screen.data)
    for n in range(5):
        (where,) = [i for i, t in enumerate(pages) if f"Extra service {n}" in t]
        assert f"Telephone: 01632 960 4{n:02d}" in pages[where] and f"extra{n}@riverside" in pages[where]
    assert "Advocacy Service" in pages[-1] and "Updated 30 November 2026" in pages[-1]  # the back keeps the last
    intro = next(i for i, t in enumerate(pages) if "If you have questions about the conference" in t)
    assert "Extra service 0" in pages[intro]  # the introduction is not left without its first contact


def test_a_qr_address_too_long_to_sit_beside_the_code_goes_under_it():
    from leaflet.typeset.figures import QRCode
    from leaflet.text.paragraph import Style
    from leaflet.markup import Span

    st = Style(size=14, leading=1.42, colour="#1A1A1A", link_colour="#00507A")
    url = "https://www.gov.uk/government/publications/working-together-to-safeguard-children--2"
    make = lambda: [TextBlock((Span(url[8:], href=url, kind="url"),), "en-GB", False, st)]
    wide, narrow = QRCode(url, 24 * MM, "QR", "en-GB", False, make(), 11), QRCode(url, 24 * MM, "QR", "en-GB", False,
                                                                                   make(), 11)
    wide.wrap(500, 800)
    narrow.wrap(300, 800)
    assert wide.beside and not narrow.beside
    assert narrow.height > 24 * MM and not narrow.lines[0].overlong  # under the code, no word split


def test_callouts_are_sections_headed_by_their_title_or_their_kind(made):
    for code, tip in (("en", "Tip"), ("ur", "مشورہ"), ("bn", "পরামর্শ")):
        _, pdf = made[("private-fostering", code)]
        sects = list(tree(pdf).find("Sect"))
        assert len(sects) == 2
        heads = [[k for k in s.kids if k.role == "H3"] for s in sects]
        assert all(len(h) == 1 for h in heads)
        assert heads[1][0].text == tip  # the tip has no title: its kind, in the edition's language
        assert [k.role for k in sects[0].kids] == ["H3", "P"]


def marked_operators(reader, page):
    """(the marked-content tags open around it, operator) for each drawing operator of the page."""
    stack = []
    for operands, op in ContentStream(page.get_contents(), reader).operations:
        if op in (b"BDC", b"BMC"):
            stack.append(str(operands[0]))
        elif op == b"EMC":
            stack.pop()
        else:
            yield list(stack), op


def callout_regions(pdf: bytes, L: layout.Layout):
    """(page, top, bottom) in points of every callout box: rows with a kind's bar colour at
    the box's start edge and its tint just inside it, found on the rendered pages."""
    doc = pdfium.PdfDocument(pdf)
    kinds = [(_rgb(L.colours[k + "_edge"]), _rgb(L.colours[k])) for k in ("important", "safety", "tip")]
    for n in range(1, len(doc)):  # page 1 is the cover
        image = doc[n].render(scale=1).to_pil().convert("RGB")
        columns = [(x + s * 0.8 * MM, x + s * 2.6 * MM) for left in {L.margin_inside, L.margin_outside}
                   for x, s in ((left, 1), (L.width - left, -1))]

        def boxed(y: int) -> bool:
            return any(_near(image.getpixel((int(bar), y)), edge) and _near(image.getpixel((int(pad), y)), fill)
                       for bar, pad in columns for edge, fill in kinds)

        y, found = 0, []
        while y < image.height:
            if boxed(y):
                top = y
                while y < image.height and boxed(y):
                    y += 1
                if found and top - found[-1][1] <= 6:  # a glyph's ink over the tint, not the box's end
                    top = found.pop()[0]
                found.append((top, y))
            y += 1
        yield from ((n, top, bottom) for top, bottom in found if bottom - top > 4)


def _rgb(h: str) -> tuple:
    return tuple(int(h[i:i + 2], 16) for i in (1, 3, 5))


def _near(pixel, colour, tol: int = 4) -> bool:
    return all(abs(a - b) <= tol for a, b in zip(pixel, colour))


def lines_in(pdf: bytes, n: int, top: float, bottom: float) -> int:
    """Text lines (distinct glyph baselines) between top and bottom (points from the page's top)."""
    page = pdfium.PdfDocument(pdf)[n]
    height = page.get_height()
    text = page.get_textpage()
    baselines = []
    for i in range(text.count_chars()):
        if not text.get_text_range(i, 1).strip():
            continue
        left, low, right, high = text.get_charbox(i)
        if top <= height - (low + high) / 2 <= bottom:
            baselines.append(height - low)
    rows = []
    for b in sorted(baselines):
        if not rows or b - rows[-1] > 3:
            rows.append(b)
    return len(rows)


@pytest.mark.parametrize("code", ["en", "bn", "ur"])
@pytest.mark.parametrize("leaflet_id", ["child-protection-conference", "private-fostering"])
def test_a_callout_split_over_two_pages_leaves_two_lines_on_each(made, leaflet_id, code):
    """Widow and orphan control for boxes: no page holds a single line of a callout (the
    English conference leaflet's box once left one line on its back page)."""
    _, pdf = made[(leaflet_id, code)]
    L = layout.load("a5-fold")
    regions = list(callout_regions(pdf, L))
    assert regions, f"{leaflet_id} {code}: no callout found"
    for n, top, bottom in regions:
        lines = lines_in(pdf, n, top, bottom)
        assert lines >= 2, f"{leaflet_id} {code}: page {n + 1} holds {lines} line of a callout"


def test_the_conference_leaflet_keeps_its_pages():
    """Callouts split rather than move whole: the Bengali edition keeps to four pages."""
    from leaflet.typeset import typeset

    leaflet = content.load(CPC)
    editions, _ = build.editions_of(leaflet, ["en", "bn"])
    assert [typeset(e, layout.load("a5-fold")).pages for e in editions] == [4, 4]
