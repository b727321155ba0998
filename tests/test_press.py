"""Press (PDF/X-4) editions, read back from the files: every language and
bilingual form passes the press checker; boxes, output intent, XMP and colour
are read with pikepdf and pypdf, pixels with pypdfium2."""
import hashlib
import io
from dataclasses import replace

import pikepdf
import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader

from conftest import SEED
from leaflet import build, content, edition, layout
from leaflet.layout import MM
from leaflet.press import check, editions, profiles

A5 = (148 * MM, 210 * MM)
BLEED = 3 * MM


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Every complete edition and each translation beside English (the layout's form), press only."""
    out = tmp_path_factory.mktemp("press")
    outputs, _ = build.build([SEED], out, bilingual_mode="default", formats=("press",))
    return {o.path.name: o for o in outputs}


@pytest.fixture(scope="module")
def other_forms():
    """The other bilingual forms for a right-to-left and an Indic language (Urdu, Bengali)."""
    leaflet = content.load(str(SEED))
    eds, _ = build.editions_of(leaflet, ["ur", "bn", "en"])
    en = eds[-1]
    return {f"{e.code}+en.{mode}": build.make_press(e, en, mode) for e in eds[:2] for mode in ("blocks", "flip")}


def test_every_language_and_bilingual_edition_is_built_and_passes(built, other_forms):
    codes = {name.split(".")[1] for name in built}
    assert len([c for c in codes if "+" not in c]) == 13 and len([c for c in codes if "+" in c]) == 12
    for name, o in {**built, **other_forms}.items():
        assert o.format == "press"
        assert check.check(o.data) == [], name


def test_page_boxes_bleed_and_version(built):
    for name, o in built.items():
        assert o.data.startswith(b"%PDF-1.6"), name
        reader = PdfReader(io.BytesIO(o.data))  # an independent reader for the boxes
        assert len(reader.pages) == o.pages
        for page in reader.pages:
            trim, bleed, media = ([float(v) for v in box] for box in (page.trimbox, page.bleedbox, page.mediabox))
            assert (trim[2] - trim[0], trim[3] - trim[1]) == pytest.approx(A5, abs=0.01)
            assert [trim[0] - bleed[0], trim[1] - bleed[1], bleed[2] - trim[2], bleed[3] - trim[3]] == \
                pytest.approx([BLEED] * 4, abs=0.01)
            assert media[0] <= bleed[0] - 5 * MM and media[2] >= bleed[2] + 5 * MM  # room for the marks
            assert "/Annots" not in page and page.get("/Rotate", 0) == 0


def test_output_intent_embeds_the_shipped_fogra39_profile(built):
    icc = profiles.get("ISOcoated_v2_300_bas")
    assert icc.sha256 == "b424c77f40c3423c925536f8ae08634985ccd0fe80eb253d5d229197ded7e886"
    with pikepdf.open(io.BytesIO(built["serious-case-reviews.ar.press.pdf"].data)) as pdf:
        [intent] = pdf.Root.OutputIntents
        assert intent.S == "/GTS_PDFX" and str(intent.OutputConditionIdentifier) == "FOGRA39"
        assert str(intent.RegistryName) == "http://www.color.org"
        data = intent.DestOutputProfile.read_bytes()
        assert hashlib.sha256(data).hexdigest() == icc.sha256 and data[16:20] == b"CMYK"
        assert str(pdf.Root.Lang) == "ar"


def test_xmp_identifies_pdfx4_and_matches_the_info(built):
    with pikepdf.open(io.BytesIO(built["serious-case-reviews.en.press.pdf"].data)) as pdf:
        meta = pdf.open_metadata()  # pikepdf's own XMP parser, not the checker's
        assert meta["pdfxid:GTS_PDFXVersion"] == "PDF/X-4"
        assert meta["pdf:Trapped"] == "False" and pdf.docinfo.Trapped == "/False"
        assert meta["dc:title"] == str(pdf.docinfo.Title) == "Serious Case Reviews"
        assert meta["xmpMM:DocumentID"].startswith("uuid:") and meta["xmpMM:RenditionClass"] == "default"
        assert meta["xmp:CreateDate"].startswith("2000-01-01T00:00:00")


def test_no_rgb_anywhere_and_black_text_is_100_percent_k(built):
    for name in ("serious-case-reviews.en.press.pdf", "serious-case-reviews.bn+en.press.pdf"):
        reader = PdfReader(io.BytesIO(built[name].data))
        for page in reader.pages:
            ops = page.get_contents().operations  # pypdf's own content-stream parser
            names = [op.decode() for _, op in ops]
            assert not {"rg", "RG", "g", "G", "sc", "scn", "SC", "SCN"} & set(names) - {"SCN"}, name
            fills = [tuple(float(v) for v in args) for args, op in ops if op == b"k"]
            assert (0, 0, 0, 1) in fills  # the layout's text colour
            assert all(sum(f) <= 3.0 for f in fills)
            assert "/ColorSpace" in page["/Resources"]
            for cs in page["/Resources"]["/ColorSpace"].values():
                assert cs.get_object()[0] == "/Separation" and cs.get_object()[2] == "/DeviceCMYK"


def test_fonts_are_embedded(built):
    with pikepdf.open(io.BytesIO(built["serious-case-reviews.ta.press.pdf"].data)) as pdf:
        fonts = {f.objgen: f for page in pdf.pages for _, f in page.Resources.Font.items()}
        assert fonts and all("/FontFile2" in f.FontDescriptor for f in fonts.values())


def render(data: bytes, index: int, scale: float = 2.0):
    doc = pdfium.PdfDocument(data)
    page = doc[index]
    return page.render(scale=scale, draw_annots=False).to_pil().convert("RGB"), page.get_height(), scale


def pixel(image, height, scale, x_pt, y_pt):
    """The rendered colour at a point of the press page (PDF coordinates, origin bottom left)."""
    return image.getpixel((int(x_pt * scale), int((height - y_pt) * scale)))


def is_band(rgb) -> bool:
    r, g, b = rgb
    return b > 80 and r < 60 and b > r + 40


def is_tint(rgb) -> bool:
    """The cover's light foot panel (layout colour `panel`) as the press profile renders it."""
    return rgb != (255, 255, 255) and min(rgb) > 180 and not is_band(rgb)


@pytest.mark.parametrize("name", ["serious-case-reviews.en.press.pdf", "serious-case-reviews.ur.press.pdf"])
def test_rendered_cover_band_runs_into_the_bleed_and_no_further(built, name):
    L = layout.load("a5-fold")
    s = L.press.slug
    image, height, scale = render(built[name].data, 0)
    top, right = s + L.height, s + L.width
    band_y = top - 20 * MM
    assert is_band(pixel(image, height, scale, s + 30 * MM, top + 1.5 * MM))  # in the bleed above the trim
    assert is_band(pixel(image, height, scale, s - 1.5 * MM, band_y))  # left bleed
    assert is_band(pixel(image, height, scale, right + 1.5 * MM, band_y))  # right bleed
    assert pixel(image, height, scale, s + 30 * MM, top + 4 * MM) == (255, 255, 255)  # past the bleed: paper
    assert is_tint(pixel(image, height, scale, s + 30 * MM, s - 1.5 * MM))  # bottom bleed: the foot panel, not the band
    # a crop mark: in line with the left trim edge, above the top bleed
    assert max(pixel(image, height, scale, s, top + 6 * MM)) < 120


def test_flip_edition_reads_in_booklet_order_with_the_english_cover_upside_down(other_forms):
    o = other_forms["ur+en.flip"]
    L = layout.load("a5-fold")
    s = L.press.slug
    doc = pdfium.PdfDocument(o.data)
    assert len(doc) == o.pages
    last = " ".join(doc[len(doc) - 1].get_textpage().get_text_range().split())
    assert "Reviews Case Serious" in last  # upside down, pdfium reads the title's words from the right
    image, height, scale = render(o.data, len(doc) - 1)
    assert is_band(pixel(image, height, scale, s + 30 * MM, s - 1.5 * MM))  # band at the foot, into the bleed
    assert is_tint(pixel(image, height, scale, s + 30 * MM, s + L.height + 1.5 * MM))  # the foot panel, turned


def test_marks_follow_the_layout_or_the_flag():
    leaflet = content.load(str(SEED))
    ed = edition.english(leaflet)
    L = layout.load("a5-fold")
    plain, *_ = editions.single(ed, L, marks=False)
    everything, *_ = editions.single(ed, replace(L, press=replace(L.press, marks=("crop", "registration",
                                                                                  "colour_bars"))))
    forced, *_ = editions.single(ed, replace(L, press=replace(L.press, marks=())), marks=True)

    def separation_strokes(data):
        reader = PdfReader(io.BytesIO(data))
        ops = reader.pages[0].get_contents().operations
        return sum(1 for args, op in ops if op == b"CS" and args[0] == "/CS_All")

    assert separation_strokes(plain) == 0 and separation_strokes(forced) == 1
    for data in (plain, everything, forced):
        assert check.check(data) == []
    image, height, scale = render(everything, 0)
    s = L.press.slug
    patches = [pixel(image, height, scale, s + 4 * MM + i * 4 * MM, s - 5.5 * MM) for i in range(4)]
    cyan, magenta, yellow, black = patches
    assert cyan[0] < 100 < cyan[2] and magenta[1] < 100 < magenta[0] and yellow[2] < 100 < yellow[1]
    assert max(black) < 80


def test_press_files_are_deterministic():
    leaflet = content.load(str(SEED))
    ed = edition.english(leaflet)
    assert build.make_press(ed).data == build.make_press(ed).data


def test_build_command_writes_press_files_and_lists_them_in_the_manifest(tmp_path):
    import json
    import subprocess
    import sys

    from conftest import ROOT
    done = subprocess.run([sys.executable, str(ROOT / "generate.py"), "build", str(SEED), "--out", str(tmp_path),
                           "--lang", "fa", "--bilingual", "flip", "--format", "press", "--no-marks"],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    files = json.loads((tmp_path / "manifest.json").read_text())["files"]
    assert sorted((f["file"], f["format"], f.get("bilingual")) for f in files) == sorted([  # the manifest sorts by file
        ("serious-case-reviews/serious-case-reviews.fa.press.pdf", "press", None),
        ("serious-case-reviews/serious-case-reviews.fa+en.press.pdf", "press", "flip")])
    for f in files:
        data = (tmp_path / f["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == f["sha256"] and f["pdf_pages"] == f["pages"]
        assert check.check(data) == []
        assert b"/CS_All CS" not in b"".join(p.get_contents().get_data() for p in PdfReader(io.BytesIO(data)).pages)
    assert not list(tmp_path.rglob("*.screen.pdf")) and not list(tmp_path.rglob("*.print.pdf"))
