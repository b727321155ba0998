"""The press checker fails files broken on purpose, one fault at a time, and
says what is wrong; the good file passes (test_press checks every edition)."""
import dataclasses
import io
import subprocess
import sys

import pikepdf
import pytest
from PIL import ImageCms

from conftest import ROOT, SEED
from leaflet import content, edition, layout
from leaflet.layout import MM
from leaflet.press import check, editions, pdfx
from leaflet.typeset import typeset

L = layout.load("a5-fold")
S = L.press.slug  # where the trim starts on the press page


@pytest.fixture(scope="module")
def good() -> bytes:
    data, *_ = editions.single(edition.english(content.load(str(SEED))), L)
    assert check.check(data) == []
    return data


def broken(data: bytes, change) -> bytes:
    pdf = pikepdf.open(io.BytesIO(data))
    change(pdf)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def append(pdf, index: int, ops: bytes, **resources):
    page = pdf.pages[index]
    page.contents_add(pdf.make_stream(ops), prepend=False)
    for kind, entries in resources.items():
        if f"/{kind}" not in page.Resources:
            page.Resources[f"/{kind}"] = pikepdf.Dictionary()
        for key, value in entries.items():
            page.Resources[f"/{kind}"][key] = value


def fails(data) -> str:
    found = check.check(data)
    assert found, "the checker passed a broken file"
    return "\n".join(found)


def test_devicergb_colour_fails(good):
    assert "/DeviceRGB colour (page)" in fails(broken(good, lambda p: append(p, 1, b"q 1 0 0 rg 100 100 10 10 re f Q")))
    named = broken(good, lambda p: append(p, 2, b"q /DeviceRGB cs 0 1 0 sc 100 100 10 10 re f Q"))
    assert "page 3: /DeviceRGB colour" in fails(named)


def test_missing_trimbox_and_short_bleed_fail(good):
    def no_trim(pdf):
        del pdf.pages[0].obj["/TrimBox"]
    assert "page 1: no TrimBox" in fails(broken(good, no_trim))

    def short(pdf):
        t = [float(v) for v in pdf.pages[1].obj.TrimBox]
        pdf.pages[1].obj.BleedBox = [t[0] - MM, t[1] - MM, t[2] + MM, t[3] + MM]
    assert "page 2: bleed 1.0 mm, needs 3.0 mm on every side" in fails(broken(good, short))


def test_a_mark_inside_the_bleed_fails(good):
    # a registration-colour line 1 mm outside the trim: inside the 3 mm bleed
    ops = f"q /CS_All CS 1 SCN 0.25 w {S - 8 * MM:.2f} {S + 100:.2f} m {S - 1 * MM:.2f} {S + 100:.2f} l S Q"
    assert "page 1: a printer's mark inside the bleed" in fails(broken(good, lambda p: append(p, 0, ops.encode())))


def test_no_output_intent_or_a_non_cmyk_profile_fails(good):
    def drop(pdf):
        del pdf.Root["/OutputIntents"]
    assert "0 GTS_PDFX output intents" in fails(broken(good, drop))

    def rgb_profile(pdf):
        srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
        pdf.Root.OutputIntents[0].DestOutputProfile = pdf.make_stream(srgb, N=3)
    text = fails(broken(good, rgb_profile))
    assert "not a CMYK output profile" in text and "/N is not 4" in text


def test_old_pdf_version_fails(good):
    pdf = pikepdf.open(io.BytesIO(good))
    out = io.BytesIO()
    pdf.save(out, force_version="1.4")
    assert "PDF 1.4: PDF/X-4 needs PDF 1.6 or later" in fails(out.getvalue())


def test_xmp_without_the_pdfx_version_or_trapped_fails(good):
    def strip(pdf):
        xmp = pdf.Root.Metadata.read_bytes().decode()
        xmp = xmp.replace("<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>", "")
        xmp = xmp.replace("<pdf:Trapped>False</pdf:Trapped>", "")
        pdf.Root.Metadata.write(xmp.encode())
    text = fails(broken(good, strip))
    assert "GTS_PDFXVersion is None" in text and "pdf:Trapped is None" in text

    def unknown_trapped(pdf):
        pdf.trailer.Info.Trapped = pikepdf.Name("/Unknown")
    assert "Info /Trapped (/Unknown) does not match" in fails(broken(good, unknown_trapped))


def test_an_unembedded_font_fails(good):
    helvetica = pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                   BaseFont=pikepdf.Name.Helvetica)
    ops = f"BT /Fx 10 Tf {S + 30 * MM:.2f} {S + 30 * MM:.2f} Td (Hello) Tj ET".encode()
    assert "page 2: font /Helvetica is not embedded" in \
        fails(broken(good, lambda p: append(p, 1, ops, Font={"/Fx": helvetica})))


def test_text_within_the_safe_margin_fails(good):
    def near_edge(pdf):
        font = next(iter(pdf.pages[1].Resources.Font.keys()))
        append(pdf, 1, f"BT {font} 9 Tf {S + 2 * MM:.2f} {S + 100:.2f} Td (A) Tj ET".encode())
    assert "page 2: text within 5 mm of the trim at (2.0," in fails(broken(good, near_edge))


def test_a_background_that_stops_at_the_trim_fails():
    """Pages whose band runs to the trim edge but not past it are refused."""
    ed = edition.english(content.load(str(SEED)))
    to_trim = dataclasses.replace(L, band_margin=0.0, bleed=0.0)
    unbled = pdfx.press(typeset(ed, to_trim).pdf, L)
    text = fails(unbled)
    assert "page 1: a background stops at the left trim edge" in text
    assert "page 1: a background stops at the top trim edge" in text


def test_too_much_ink_fails(good):
    ops = f"q 1 1 1 1 k {S + 20:.2f} {S + 20:.2f} 10 10 re f Q".encode()
    assert "page 1: 400 % ink (page), the profile allows 300 %" in fails(broken(good, lambda p: append(p, 0, ops)))


def test_an_rgb_image_and_an_rgb_blending_group_fail(good):
    def image(pdf):
        img = pdf.make_stream(b"\xff\x00\x00" * 4, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image,
                              Width=2, Height=2, ColorSpace=pikepdf.Name.DeviceRGB, BitsPerComponent=8)
        append(pdf, 0, f"q 20 0 0 20 {S + 30:.2f} {S + 30:.2f} cm /Im9 Do Q".encode(), XObject={"/Im9": img})
        pdf.pages[0].obj.Group = pikepdf.Dictionary(S=pikepdf.Name.Transparency, CS=pikepdf.Name.DeviceRGB)
    text = fails(broken(good, image))
    assert "page 1: an image in /DeviceRGB" in text and "page 1: a transparency group blends in RGB" in text


def test_an_annotation_on_the_page_and_a_transfer_function_fail(good):
    def link(pdf):
        pdf.pages[0].obj.Annots = pdf.make_indirect(pikepdf.Array([pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[S + 20, S + 20, S + 60, S + 40])]))
        append(pdf, 0, b"/GS9 gs", ExtGState={"/GS9": pikepdf.Dictionary(TR=pikepdf.Name.Identity)})
    text = fails(broken(good, link))
    assert "a /Link annotation inside the BleedBox" in text and "graphics state sets TR" in text


def test_check_press_command(tmp_path, good):
    def run(*args):
        return subprocess.run([sys.executable, str(ROOT / "generate.py"), *map(str, args)],
                              capture_output=True, text=True, cwd=ROOT)
    ok, bad = tmp_path / "ok.press.pdf", tmp_path / "bad.press.pdf"
    ok.write_bytes(good)
    bad.write_bytes(broken(good, lambda p: append(p, 1, b"q 1 0 0 rg 100 100 10 10 re f Q")))
    done = run("check-press", ok)
    assert done.returncode == 0 and done.stdout.strip().endswith("passes"), done.stderr
    done = run("check-press", bad)
    assert done.returncode == 1 and f"{bad}: page 2: /DeviceRGB colour (page)" in done.stderr
    done = run("check-press", tmp_path / "missing.pdf")
    assert done.returncode == 2 and done.stderr.startswith("error: cannot read") and "Traceback" not in done.stderr
    (tmp_path / "junk.pdf").write_bytes(b"not a pdf")
    done = run("check-press", tmp_path / "junk.pdf")
    assert done.returncode == 1 and "not a readable PDF" in done.stderr


def test_a_cmyk_image_over_the_ink_limit_and_a_hairline_fail(good):
    def heavy(pdf):
        img = pdf.make_stream(b"\xff\xff\xff\xff" + b"\x00" * 12, Type=pikepdf.Name.XObject,
                              Subtype=pikepdf.Name.Image, Width=2, Height=2, ColorSpace=pikepdf.Name.DeviceCMYK,
                              BitsPerComponent=8)
        append(pdf, 0, f"q 20 0 0 20 {S + 30:.2f} {S + 30:.2f} cm /Im9 Do Q".encode(), XObject={"/Im9": img})
        append(pdf, 1, f"q 0.1 w 0 0 0 1 K {S + 30:.2f} {S + 30:.2f} m {S + 90:.2f} {S + 30:.2f} l S Q".encode())
    text = fails(broken(good, heavy))
    assert "page 1: an image reaches 400 % ink, the profile allows 300 %" in text
    assert "page 2: a 0.10 pt line: lines thinner than 0.25 pt may not print" in text


def test_the_safe_margin_and_bleed_can_be_asked_for(good, tmp_path):
    # the footer sits about 7 mm above the trim: a 10 mm safe margin refuses it, a 6 mm bleed too
    text = "\n".join(check.check(good, bleed=6 * MM, safe=10 * MM))
    assert "bleed 3.0 mm, needs 6.0 mm" in text and "text within 10 mm of the trim" in text


def test_an_rgb_shading_and_a_picture_in_the_safe_margin_fail(good):
    def change(pdf):
        shading = pdf.make_indirect(pikepdf.Dictionary(ShadingType=2, ColorSpace=pikepdf.Name.DeviceRGB,
                                                       Coords=[0, 0, 1, 0], Function=pikepdf.Dictionary(
                                                           FunctionType=2, Domain=[0, 1], C0=[1, 0, 0], C1=[0, 0, 1],
                                                           N=1)))
        append(pdf, 1, f"q {S + 20:.2f} {S + 20:.2f} 50 50 re W n /Sh9 sh Q".encode(), Shading={"/Sh9": shading})
        img = pdf.make_stream(b"\x00\x00\x00\x80" * 4, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image,
                              Width=2, Height=2, ColorSpace=pikepdf.Name.DeviceCMYK, BitsPerComponent=8)
        append(pdf, 0, f"q 20 0 0 20 {S + 1 * MM:.2f} {S + 40 * MM:.2f} cm /Im9 Do Q".encode(),
               XObject={"/Im9": img})
    text = fails(broken(good, change))
    assert "page 2: a shading in /DeviceRGB" in text and "page 1: image within 5 mm of the trim at (1.0, 40.0)" in text


def test_javascript_and_embedded_files_fail(good):
    def change(pdf):
        pdf.Root.OpenAction = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))
        pdf.Root.Names = pikepdf.Dictionary(EmbeddedFiles=pikepdf.Dictionary(Names=[]))
    text = fails(broken(good, change))
    assert "an OpenAction other than GoTo" in text and "embedded files" in text


def test_a_malformed_content_stream_is_a_failure_not_a_crash(good):
    def change(pdf):
        pdf.pages[1].obj.Contents = pdf.make_stream(b"q 1 0 0 1 cm BT /F9 Tf (x) Tj ET Q [ (")
    assert "page 2: cannot be read through" in fails(broken(good, change))
