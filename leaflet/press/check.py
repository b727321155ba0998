"""The press checker: does a file meet what a print shop's PDF/X-4 preflight asks?

Read back from the file alone (pikepdf, and the content streams walked by
`walk`): version, page boxes and bleed, backgrounds into the bleed, text
clear of the safe margin, marks outside the bleed, colour spaces and ink
coverage, output intent and its profile, fonts embedded, forbidden features
(transparency blending in RGB, transfer functions, PostScript, actions,
annotations on the page), and the XMP identification.
"""
from __future__ import annotations

import hashlib
import io
import xml.etree.ElementTree as ET
from pathlib import Path

import pikepdf
from PIL import Image
from pikepdf import Name

from ..errors import LeafletError
from ..layout import MM
from . import profiles, walk

BLEED = 3 * MM
SAFE = 5 * MM
TOL = 0.5  # points: coordinates are written to 3 or 4 decimals
HAIRLINE = 0.25  # points: thinner lines may not print
NS = {"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "pdfxid": "http://www.npes.org/pdfx/ns/id/",
      "pdf": "http://ns.adobe.com/pdf/1.3/", "xmpMM": "http://ns.adobe.com/xap/1.0/mm/",
      "dc": "http://purl.org/dc/elements/1.1/", "xmp": "http://ns.adobe.com/xap/1.0/"}
MARK_SPACE = "/Separation:/All"


def check_file(path: Path, bleed: float = BLEED, safe: float = SAFE) -> list[str]:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise LeafletError(f"cannot read {path}: {exc.strerror}") from None
    return [f"{path}: {line}" for line in check(data, bleed, safe)]


def check(data: bytes, bleed: float = BLEED, safe: float = SAFE) -> list[str]:
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PdfError as exc:
        return [f"not a readable PDF ({exc})"]
    fails: list[str] = []
    if pdf.is_encrypted:
        fails.append("encrypted: PDF/X forbids encryption")
    if tuple(int(x) for x in pdf.pdf_version.split(".")) < (1, 6):
        fails.append(f"PDF {pdf.pdf_version}: PDF/X-4 needs PDF 1.6 or later")
    profile, limit = _output_intent(pdf, fails)
    _xmp(pdf, fails)
    _document(pdf, fails)
    if "/ID" not in pdf.trailer:
        fails.append("no file identifier (trailer /ID)")
    for number, page in enumerate(pdf.pages, 1):
        try:
            _page(pdf, page, number, bleed, safe, limit, fails)
        except (pikepdf.PdfError, KeyError, ValueError, TypeError, AttributeError, IndexError) as exc:
            fails.append(f"page {number}: cannot be read through ({type(exc).__name__}: {exc})")
    return fails


def _output_intent(pdf, fails) -> tuple[bytes | None, float]:
    intents = [i for i in pdf.Root.get("/OutputIntents", []) if i.get("/S") == Name.GTS_PDFX]
    if len(intents) != 1:
        fails.append(f"{len(intents)} GTS_PDFX output intents: PDF/X needs exactly one")
        return None, 300.0
    intent = intents[0]
    ident = str(intent.get("/OutputConditionIdentifier", ""))
    if not ident:
        fails.append("output intent: no OutputConditionIdentifier")
    if "/DestOutputProfile" not in intent:
        fails.append("output intent: no embedded profile (DestOutputProfile); PDF/X-4 embeds it")
        return None, 300.0
    icc = intent.DestOutputProfile.read_bytes()
    if len(icc) < 128 or icc[16:20] != b"CMYK" or icc[12:16] not in (b"prtr", b"mntr"):
        fails.append(f"output intent: the profile is not a CMYK output profile "
                     f"({icc[16:20]!r} / {icc[12:16]!r})")
    if int(intent.DestOutputProfile.get("/N", 0)) != 4:
        fails.append("output intent: profile stream /N is not 4")
    # the ink limit of the profile itself when it is one of ours, else 300 % (coated offset's usual limit)
    digest = hashlib.sha256(icc).hexdigest()
    known = next((p for p in profiles.table().values() if p.sha256 == digest), None)
    return icc, known.max_ink if known else 300.0


def _xmp(pdf, fails) -> None:
    if "/Metadata" not in pdf.Root:
        fails.append("no XMP metadata")
        return
    try:
        root = ET.fromstring(pdf.Root.Metadata.read_bytes().decode("utf-8").split("?>", 1)[1].rsplit("<?xpacket", 1)[0])
    except (ET.ParseError, UnicodeDecodeError, IndexError) as exc:
        fails.append(f"XMP metadata does not parse ({exc})")
        return

    def value(ns, tag):
        for desc in root.iter(f"{{{NS['rdf']}}}Description"):
            el = desc.find(f"{ns}:{tag}", NS)
            if el is not None:
                lis = list(el.iter(f"{{{NS['rdf']}}}li"))
                return (lis[0].text if lis else el.text) or ""
            attr = desc.get(f"{{{NS[ns]}}}{tag}")
            if attr is not None:
                return attr
        return None

    version = value("pdfxid", "GTS_PDFXVersion")
    if version != "PDF/X-4":
        fails.append(f"XMP pdfxid:GTS_PDFXVersion is {version!r}, not 'PDF/X-4'")
    trapped = value("pdf", "Trapped")
    if trapped not in ("True", "False"):
        fails.append(f"XMP pdf:Trapped is {trapped!r}: PDF/X needs True or False")
    info = pdf.trailer.get("/Info", {})
    if str(info.get("/Trapped", "")) != f"/{trapped}":
        fails.append(f"Info /Trapped ({info.get('/Trapped')}) does not match XMP pdf:Trapped ({trapped})")
    for ns, tag in (("xmpMM", "DocumentID"), ("xmpMM", "VersionID"), ("xmpMM", "RenditionClass"),
                    ("xmp", "CreateDate"), ("xmp", "ModifyDate"), ("dc", "title")):
        if not value(ns, tag):
            fails.append(f"XMP has no {ns}:{tag}")
    title = value("dc", "title")
    if title and "/Title" in info and str(info.Title) != title:
        fails.append("Info /Title and XMP dc:title differ")


def _document(pdf, fails) -> None:
    root = pdf.Root
    if "/OpenAction" in root and root.OpenAction.get("/S") not in (None, Name.GoTo):
        fails.append("an OpenAction other than GoTo")
    if "/AA" in root:
        fails.append("document additional actions (/AA)")
    if "/Names" in root and "/JavaScript" in root.Names:
        fails.append("JavaScript")
    if "/AcroForm" in root:
        fails.append("interactive form fields (/AcroForm)")
    if "/Names" in root and "/EmbeddedFiles" in root.Names:
        fails.append("embedded files")
    for config in [root.OCProperties.get("/D", {})] + list(root.OCProperties.get("/Configs", [])) \
            if "/OCProperties" in root else []:
        if "/Name" not in config:
            fails.append("an optional content configuration without a /Name")


def _page(pdf, page, number, bleed, safe, limit, fails) -> None:
    where = f"page {number}"
    obj = page.obj
    boxes = {}
    for key in ("/MediaBox", "/BleedBox", "/TrimBox"):
        if key not in obj:
            fails.append(f"{where}: no {key[1:]}")
        else:
            boxes[key] = tuple(float(v) for v in obj[key])
    if len(boxes) < 3:
        return
    media, bleedbox, trim = boxes["/MediaBox"], boxes["/BleedBox"], boxes["/TrimBox"]
    if not _inside(trim, bleedbox) or not _inside(bleedbox, media):
        fails.append(f"{where}: boxes are not nested TrimBox <= BleedBox <= MediaBox")
    sides = (trim[0] - bleedbox[0], trim[1] - bleedbox[1], bleedbox[2] - trim[2], bleedbox[3] - trim[3])
    if min(sides) < bleed - TOL:
        fails.append(f"{where}: bleed {min(sides) / MM:.1f} mm, needs {bleed / MM:.1f} mm on every side")
    if "/Rotate" in obj and int(obj.Rotate) % 360:
        fails.append(f"{where}: rotated ({obj.Rotate}); pages are set upright with their boxes")
    for annot in obj.get("/Annots", []):
        rect = tuple(float(v) for v in annot.get("/Rect", [0, 0, 0, 0]))
        if annot.get("/Subtype") not in (Name.PrinterMark, Name.TrapNet) and _overlaps(rect, bleedbox):
            fails.append(f"{where}: a {annot.get('/Subtype')} annotation inside the BleedBox")

    content = walk.walk(page)
    for space, at in content.spaces:
        if "/DeviceRGB" in space or space.startswith("/ICCBased:3") or space.startswith("undefined"):
            fails.append(f"{where}: {space} colour ({at})")
    for space, values, at in content.colours:
        if space == "/DeviceCMYK" and sum(values) * 100 > limit + 0.5:
            fails.append(f"{where}: {sum(values) * 100:.0f} % ink ({at}), the profile allows {limit:g} %")
    for m in content.marks:
        b = m.box
        if m.line_width is not None and m.line_width < HAIRLINE - 1e-3:
            fails.append(f"{where}: a {m.line_width:.2f} pt line: lines thinner than {HAIRLINE} pt may not print")
        if m.space.startswith(MARK_SPACE) or not _overlaps(b, bleedbox):
            if _overlaps(b, _grow(bleedbox, -TOL)):
                fails.append(f"{where}: a printer's mark inside the bleed at {_mm(b, trim)}")
            elif not _inside(b, media):
                fails.append(f"{where}: a printer's mark off the MediaBox at {_mm(b, trim)}")
            continue
        if not _inside(b, _grow(bleedbox, TOL)):
            fails.append(f"{where}: a {m.kind} runs past the BleedBox at {_mm(b, trim)}")
        if m.kind in ("text", "image") and not _inside(b, _grow(trim, -safe + TOL)):
            fails.append(f"{where}: {m.kind} within {safe / MM:g} mm of the trim at {_mm(b, trim)}")
        if m.kind == "path" and m.filled_rect:
            for i, edge in enumerate(_touching(b, trim)):
                fails.append(f"{where}: a background stops at the {edge} trim edge instead of running into the bleed")
    for font in content.fonts:
        _font(font, where, fails)
    for image in content.images:
        _image(image, where, limit, fails)
    _resources(obj.get("/Resources", {}), where, fails, set())
    group = obj.get("/Group")
    if group is not None and group.get("/S") == Name.Transparency and "RGB" in str(group.get("/CS", "")):
        fails.append(f"{where}: a transparency group blends in RGB")


def _font(font, where, fails) -> None:
    name = str(font.get("/BaseFont", "?"))
    if font.get("/Subtype") == Name.Type3:
        return
    desc = font.DescendantFonts[0].get("/FontDescriptor") if font.get("/Subtype") == Name.Type0 \
        else font.get("/FontDescriptor")
    if desc is None or not any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")):
        fails.append(f"{where}: font {name} is not embedded")


def _image(image, where, limit, fails) -> None:
    space = walk.family(image.get("/ColorSpace", Name.DeviceGray), {})
    if "RGB" in space or space.startswith("/ICCBased:3") or space.startswith("/Indexed"):
        fails.append(f"{where}: an image in {space}")
        return
    if space == "/DeviceCMYK" and int(image.get("/BitsPerComponent", 8)) == 8:
        if image.get("/Filter") == Name.DCTDecode:
            raw = Image.open(io.BytesIO(image.read_raw_bytes())).convert("CMYK").tobytes()
        else:
            raw = image.read_bytes()  # the samples, without the soft mask a PIL decode would apply
        most = max((sum(raw[i:i + 4]) for i in range(0, len(raw) - 3, 4)), default=0) / 2.55
        if most > limit + 0.5:
            fails.append(f"{where}: an image reaches {most:.0f} % ink, the profile allows {limit:g} %")


def _resources(res, where, fails, seen) -> None:
    """ExtGStates PDF/X-4 forbids parts of, soft-mask groups, PostScript XObjects."""
    for _, gs in (res.get("/ExtGState") or {}).items():
        for key in ("/TR", "/HTO"):
            if key in gs:
                fails.append(f"{where}: graphics state sets {key[1:]}")
        if "/TR2" in gs and gs.TR2 != Name.Default:
            fails.append(f"{where}: graphics state sets TR2")
        smask = gs.get("/SMask")
        if isinstance(smask, pikepdf.Dictionary) and "/G" in smask:
            cs = str(smask.G.get("/Group", {}).get("/CS", ""))
            if "RGB" in cs:
                fails.append(f"{where}: a soft mask group blends in RGB")
    shadings = list((res.get("/Shading") or {}).values())
    shadings += [p.Shading for p in (res.get("/Pattern") or {}).values() if "/Shading" in p]
    for shading in shadings:
        space = walk.family(shading.get("/ColorSpace", Name.DeviceGray), res)
        if "RGB" in space or space.startswith("/ICCBased:3"):
            fails.append(f"{where}: a shading in {space}")
    for _, x in (res.get("/XObject") or {}).items():
        if x.objgen in seen:
            continue
        seen.add(x.objgen)
        if x.get("/Subtype") == Name.PS or "/OPI" in x:
            fails.append(f"{where}: PostScript or OPI XObject")
        if x.get("/Subtype") == Name.Form:
            g = x.get("/Group")
            if g is not None and "RGB" in str(g.get("/CS", "")):
                fails.append(f"{where}: a transparency group blends in RGB")
            _resources(x.get("/Resources", {}), where, fails, seen)


def _inside(a, b) -> bool:
    return a[0] >= b[0] - 1e-6 and a[1] >= b[1] - 1e-6 and a[2] <= b[2] + 1e-6 and a[3] <= b[3] + 1e-6


def _overlaps(a, b) -> bool:
    return a[0] < b[2] and a[2] > b[0] and a[1] < b[3] and a[3] > b[1]


def _grow(b, d):
    return (b[0] - d, b[1] - d, b[2] + d, b[3] + d)


def _touching(b, trim) -> list[str]:
    """The trim edges a filled box ends on (within TOL) rather than running past."""
    edges = []
    if abs(b[0] - trim[0]) < TOL:
        edges.append("left")
    if abs(b[2] - trim[2]) < TOL:
        edges.append("right")
    if abs(b[1] - trim[1]) < TOL:
        edges.append("bottom")
    if abs(b[3] - trim[3]) < TOL:
        edges.append("top")
    return edges


def _mm(b, trim) -> str:
    return f"({(b[0] - trim[0]) / MM:.1f}, {(b[1] - trim[1]) / MM:.1f}) mm from the trim's corner"
