"""Process colour: the layout's CMYK, colour-managed conversion of other RGB
and of images, the layout's press section read with line numbers; and the
checker's text geometry against pdfium's own character boxes."""
import io
from dataclasses import replace

import pikepdf
import pypdfium2 as pdfium
import pytest
from PIL import Image

from conftest import SEED
from leaflet import build, content, edition, layout, source
from leaflet.errors import LeafletError
from leaflet.layout import LAYOUTS, MM
from leaflet.press import check, colour, editions, walk
from test_content import logo_png

L = layout.load("a5-fold")


def test_layout_colours_take_the_layouts_cmyk_and_black_text_is_k_only():
    p = colour.Palette(L)
    assert p.cmyk((0x1A / 255,) * 3) == (0, 0, 0, 1.0)  # text: 100 % K, as the layout says
    assert p.cmyk((0, 0.314, 0.478)) == (1.0, 0.6, 0.2, 0.2)  # the band, from 3-decimal RGB as drawn
    assert p.cmyk((1, 1, 1)) == (0, 0, 0, 0)


def test_other_rgb_goes_through_the_profile_within_its_ink_limit():
    grey = colour.convert_rgb((128, 128, 128), "ISOcoated_v2_300_bas")
    assert grey[:3] == (0, 0, 0) and grey[3] == pytest.approx(0.498, abs=0.001)  # greys: K only
    red = colour.convert_rgb((220, 30, 40), "ISOcoated_v2_300_bas")
    assert red[0] < 0.1 and red[1] > 0.8 and red[2] > 0.7  # magenta + yellow make red
    deep = colour.convert_rgb((20, 0, 60), "ISOcoated_v2_300_bas")
    assert sum(deep) <= 3.0 + 0.01  # the 300 % profile never asks for more


def with_press(old: str, new: str) -> layout.Layout:
    text = (LAYOUTS / "a5-fold.yaml").read_text()
    assert old in text
    return layout.from_node(source.loads(text.replace(old, new), "layouts/test.yaml"))


def test_press_section_is_read_and_mistakes_are_located():
    assert L.press.bleed == pytest.approx(3 * MM) and L.press.safe == pytest.approx(5 * MM)
    assert L.press.marks == ("crop",) and L.bleed == 0  # screen and office print draw no bleed
    with pytest.raises(LeafletError, match=r"layouts/test.yaml:\d+: .*a process colour is \[C, M, Y, K\]"):
        with_press("band: [100, 60, 20, 20]", "band: [100, 60, 20]")
    with pytest.raises(LeafletError, match=r"layouts/test.yaml:\d+: .*'slug' is not a printer's mark"):
        with_press("marks: [crop]", "marks: [crop, slug]")
    with pytest.raises(LeafletError, match=r"layouts/test.yaml:\d+: .*crop marks must start outside the bleed"):
        with_press("offset_mm: 3.5", "offset_mm: 2")
    with pytest.raises(LeafletError, match=r"unknown key 'blead_mm'"):
        with_press("bleed_mm: 3", "blead_mm: 3")


def test_ink_over_the_profiles_limit_is_refused_at_its_line():
    heavy = with_press("band: [100, 60, 20, 20]", "band: [100, 100, 100, 40]")
    text = (LAYOUTS / "a5-fold.yaml").read_text().splitlines()
    line = next(i for i, t in enumerate(text, 1) if t.strip().startswith("band: [100, 60"))
    with pytest.raises(LeafletError) as exc:
        colour.Palette(heavy)
    assert str(exc.value) == (f"layouts/test.yaml:{line}: press.cmyk.band: 340 % ink is more than the "
                              "ISOcoated_v2_300_bas profile's 300 %")


def test_a_layout_without_cmyk_still_makes_a_passing_press_file():
    bare = replace(L, press=replace(L.press, cmyk={}))
    p = colour.Palette(bare)
    assert p.cmyk((0x1A / 255,) * 3) == (0, 0, 0, pytest.approx(0.898, abs=0.001))
    data, *_ = editions.single(edition.english(content.load(str(SEED))), bare)
    assert check.check(data) == []


def test_a_logo_image_is_converted_to_cmyk_through_the_profile(write_content, tmp_path):
    logo_png(tmp_path / "lscb.png")  # a band-blue box on white

    def with_logo(d):
        d["front"]["wordmarks"][1].update(logo="lscb.png", alt="Kingston LSCB")
    ed = edition.english(content.load(str(write_content(with_logo))))
    o = build.make_press(ed)
    assert check.check(o.data) == []
    with pikepdf.open(io.BytesIO(o.data)) as pdf:
        images = [x for _, x in pdf.pages[0].Resources.XObject.items() if x.Subtype == "/Image"]
        assert len(images) == 1 and images[0].ColorSpace == "/DeviceCMYK"
        pil = pikepdf.PdfImage(images[0]).as_pil_image()
        assert pil.mode == "CMYK"
        c, m, y, k = pil.getpixel((120, 40))  # the blue box: cyan-led, as the profile converts (0, 80, 122)
        assert c > 200 and m > 100 and y < m and sum((c, m, y, k)) / 2.55 <= 300.5
        assert pil.getpixel((2, 2)) == (0, 0, 0, 0)  # white paper: no ink


def test_checker_text_extents_match_pdfium(tmp_path):
    """The checker's own text geometry (widths from the fonts) against pdfium's glyph boxes."""
    data, *_ = editions.single(edition.english(content.load(str(SEED))), L)
    doc = pdfium.PdfDocument(data)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for i in range(len(doc)):
            text = doc[i].get_textpage()
            boxes = [text.get_charbox(j, loose=True) for j in range(text.count_chars())]
            boxes = [b for b in boxes if b[2] > b[0]]
            ours = [m.box for m in walk.walk(pdf.pages[i]).marks if m.kind == "text"]
            # never narrower than pdfium's boxes; wider on the right by at most a trailing space,
            # which pdfium gives no box (spaces have no ink)
            assert min(b[0] for b in ours) == pytest.approx(min(b[0] for b in boxes), abs=0.5)
            assert 0 <= max(b[2] for b in ours) - max(b[2] for b in boxes) + 0.5 <= 3.5
            assert min(b[1] for b in ours) == pytest.approx(min(b[1] for b in boxes), abs=1.0)
            assert max(b[3] for b in ours) == pytest.approx(max(b[3] for b in boxes), abs=6.0)


def test_a_transparent_logo_keeps_its_soft_mask_and_blends_in_cmyk(write_content, tmp_path):
    image = Image.new("RGBA", (240, 80), (0, 0, 0, 0))
    image.paste((200, 30, 40, 255), (20, 20, 220, 60))
    image.save(tmp_path / "round.png")
    ed = edition.english(content.load(str(write_content(
        lambda d: d["front"]["wordmarks"][1].update(logo="round.png", alt="Kingston LSCB")))))
    o = build.make_press(ed)
    assert check.check(o.data) == []
    with pikepdf.open(io.BytesIO(o.data)) as pdf:
        page = pdf.pages[0]
        [img] = [x for _, x in page.Resources.XObject.items() if x.Subtype == "/Image"]
        assert img.ColorSpace == "/DeviceCMYK" and img.SMask.ColorSpace == "/DeviceGray"
        assert page.obj.Group.S == "/Transparency" and page.obj.Group.CS == "/DeviceCMYK"
    # rendered, the red box prints red and the transparent part shows the paper
    doc = pdfium.PdfDocument(o.data)
    rendered = doc[0].render(scale=2).to_pil().convert("RGB")
    raw = rendered.tobytes()
    reds = sum(1 for i in range(0, len(raw), 3) if raw[i] > 150 and raw[i + 1] < 90 and raw[i + 2] < 90)
    assert reds > 500


def test_page_margins_must_keep_the_safe_margin():
    with pytest.raises(LeafletError, match=r"layouts/test.yaml:\d+: .*at least the press safe margin"):
        with_press("safe_mm: 5", "safe_mm: 15")


def test_an_unknown_profile_is_refused_at_its_line():
    text = (LAYOUTS / "a5-fold.yaml").read_text().splitlines()
    line = next(i for i, t in enumerate(text, 1) if t.strip().startswith("profile:"))
    with pytest.raises(LeafletError) as exc:
        colour.Palette(with_press("profile: ISOcoated_v2_300_bas", "profile: PSOuncoated"))
    assert str(exc.value) == (f"layouts/test.yaml:{line}: press.profile: unknown CMYK profile 'PSOuncoated' "
                              "(profiles: ISOcoated_v2_300_bas)")
