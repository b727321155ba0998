"""Assemble a PDF/X-4 press file from typeset pages drawn with the layout's bleed.

Each page keeps its own content stream, recoloured to CMYK, translated onto a
larger sheet (MediaBox = trim + bleed + marks), clipped to the BleedBox, and
followed by the marks. Links, bookmarks and the structure tree are for
screens and are left out; text, fonts and the language stay.
"""
from __future__ import annotations

import hashlib
import io
import uuid
import zlib
from dataclasses import replace
from xml.sax.saxutils import escape

import pikepdf
from pikepdf import Array, Dictionary, Name, Operator, String

from ..layout import Layout
from . import colour, marks, profiles

PDFX = "PDF/X-4"
KEEP_INFO = ("/Title", "/Author", "/Subject", "/Creator", "/Producer", "/CreationDate", "/ModDate")


def press(pdf: bytes, layout: Layout, order: list[tuple[int, bool]] | None = None,
          marks_on: bool | None = None) -> bytes:
    """`pdf`: the pages at trim size, drawn with `layout.bleed` = the press bleed.
    `order`: per press page, (source page 1-based, turned upside down); default reading order.
    `marks_on`: False drops every mark, True forces crop marks on, None follows the layout."""
    spec = layout.press
    if marks_on is False:
        spec = replace(spec, marks=())
    elif marks_on and "crop" not in spec.marks:
        spec = replace(spec, marks=("crop",) + spec.marks)
    profile = profiles.get(spec.profile)
    palette = colour.Palette(layout)
    src = pikepdf.open(io.BytesIO(pdf))
    out = pikepdf.new()
    order = order or [(i, False) for i in range(1, len(src.pages) + 1)]
    out.pages.extend(src.pages[i - 1] for i, _ in order)
    all_space = out.make_indirect(Array([Name.Separation, Name.All, Name.DeviceCMYK, Dictionary(
        FunctionType=2, Domain=[0, 1], C0=[0, 0, 0, 0], C1=[1, 1, 1, 1], N=1)]))
    converted: dict = {}
    for page, (_, upside_down) in zip(out.pages, order):
        _page(out, page, spec, palette, upside_down, all_space, converted)
    _document(out, src, layout, profile, pdf)
    buf = io.BytesIO()
    out.save(buf, force_version="1.6", deterministic_id=True, compress_streams=True,
             object_stream_mode=pikepdf.ObjectStreamMode.disable)
    return buf.getvalue()


def _page(pdf, page, spec, palette, upside_down, all_space, converted) -> None:
    x0, y0, x1, y1 = (float(v) for v in page.mediabox)
    w, h, s, b = x1 - x0, y1 - y0, spec.slug, spec.bleed
    trim = (s, s, s + w, s + h)
    body = pikepdf.unparse_content_stream(_recolour(pikepdf.parse_content_stream(page), palette))
    place = (f"-1 0 0 -1 {s + w + x0:.4f} {s + h + y0:.4f} cm" if upside_down
             else f"1 0 0 1 {s - x0:.4f} {s - y0:.4f} cm")
    head = f"q {s - b:.4f} {s - b:.4f} {w + 2 * b:.4f} {h + 2 * b:.4f} re W n {place}\n".encode()
    tail = ("\nQ\n" + marks.marks(spec, trim)).encode()
    page.obj.Contents = pdf.make_stream(head + body + tail)
    resources = page.obj.Resources
    if "/ColorSpace" not in resources:
        resources.ColorSpace = Dictionary()
    resources.ColorSpace[marks.ALL] = all_space
    transparent = _xobjects(pdf, resources, palette, converted)
    page.obj.MediaBox = Array([0, 0, w + 2 * s, h + 2 * s])
    page.obj.BleedBox = Array([s - b, s - b, s + w + b, s + h + b])
    page.obj.TrimBox = Array(list(trim))
    for key in ("/Annots", "/StructParents", "/Tabs", "/Trans", "/CropBox", "/ArtBox"):
        if key in page.obj:
            del page.obj[key]
    if transparent:  # blend in the output's CMYK, not in a viewer's RGB
        page.obj.Group = Dictionary(Type=Name.Group, S=Name.Transparency, CS=Name.DeviceCMYK)


def _recolour(ops, palette: colour.Palette) -> list:
    """rg/RG, DeviceRGB sc/scn and g/G -> k/K (DeviceGray as K only, for 100 % K black)."""
    out, rgb_space = [], {"fill": False, "stroke": False}
    for operands, op in ops:
        name = str(op)
        side = "stroke" if name[:1].isupper() or name in ("CS", "SC", "SCN") else "fill"
        if name in ("rg", "RG"):
            out.append((_cmyk(palette, operands), Operator("k" if name == "rg" else "K")))
        elif name in ("g", "G"):
            out.append(([0, 0, 0, round(1 - float(operands[0]), 4)], Operator("k" if name == "g" else "K")))
        elif name in ("cs", "CS"):
            rgb_space[side] = operands[0] == Name.DeviceRGB
            out.append(([Name.DeviceCMYK] if rgb_space[side] else operands, op))
        elif name in ("sc", "scn", "SC", "SCN") and rgb_space[side] and len(operands) == 3:
            out.append((_cmyk(palette, operands), op))
        else:
            out.append((operands, op))
    return out


def _cmyk(palette, operands) -> list:
    return [round(v, 4) for v in palette.cmyk(tuple(float(v) for v in operands))]


def _xobjects(pdf, resources, palette, converted) -> bool:
    """Convert the images (and forms' contents) a resource dictionary uses; True if any has a soft mask."""
    transparent = False
    for _, xobj in (resources.get("/XObject") or {}).items():
        key = xobj.objgen
        if key in converted:
            transparent |= converted[key]
            continue
        if xobj.Subtype == Name.Image:
            converted[key] = "/SMask" in xobj
            _image(xobj, palette)
        elif xobj.Subtype == Name.Form:
            converted[key] = False
            xobj.write(pikepdf.unparse_content_stream(_recolour(pikepdf.parse_content_stream(xobj), palette)))
            if "/Resources" in xobj:
                converted[key] = _xobjects(pdf, xobj.Resources, palette, converted)
        transparent |= converted[key]
    return transparent


def _image(xobj, palette) -> None:
    space = xobj.get("/ColorSpace")
    rgb = space == Name.DeviceRGB or (isinstance(space, Array) and space[0] == Name.ICCBased and space[1].N == 3) \
        or (isinstance(space, Array) and space[0] == Name.Indexed)
    if not rgb:
        return
    image = pikepdf.PdfImage(xobj).as_pil_image()
    cmyk = colour.convert_image(image, palette.profile)
    xobj.write(zlib.compress(cmyk.tobytes(), 9), filter=Name.FlateDecode)
    for key in ("/DecodeParms", "/Decode"):
        if key in xobj:
            del xobj[key]
    xobj.ColorSpace, xobj.BitsPerComponent = Name.DeviceCMYK, 8


def _document(out, src, layout: Layout, profile: profiles.Profile, pdf: bytes) -> None:
    info = {k: src.docinfo[k] for k in KEEP_INFO if k in src.docinfo}
    info["/Subject"] = String(f"{info.get('/Subject', '')} (press, {PDFX}, {profile.identifier})".lstrip())
    info["/Trapped"] = Name("/False")
    info["/GTS_PDFXVersion"] = String(PDFX)
    out.trailer.Info = out.make_indirect(Dictionary(info))
    icc = out.make_stream(profile.data)
    icc.N = 4
    out.Root.OutputIntents = Array([Dictionary(
        Type=Name.OutputIntent, S=Name.GTS_PDFX, OutputConditionIdentifier=String(profile.identifier),
        OutputCondition=String(profile.condition), RegistryName=String(profile.registry),
        Info=String(profile.info), DestOutputProfile=icc)])
    if "/Lang" in src.Root:
        out.Root.Lang = String(str(src.Root.Lang))
    digest = hashlib.sha256(pdf + layout.name.encode() + profile.sha256.encode()).digest()
    xmp = _xmp({k: str(v) for k, v in info.items()}, uuid.UUID(bytes=digest[:16], version=4),
               uuid.UUID(bytes=digest[16:], version=4))
    meta = out.make_stream(xmp.encode("utf-8"))
    meta.Type, meta.Subtype = Name.Metadata, Name.XML
    out.Root.Metadata = meta


def _xmp(info: dict, document_id: uuid.UUID, instance_id: uuid.UUID) -> str:
    created, modified = _iso(info.get("/CreationDate", "")), _iso(info.get("/ModDate", info.get("/CreationDate", "")))
    e = lambda key: escape(info.get(key, ""))
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about=""
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
  xmlns:xmp="http://ns.adobe.com/xap/1.0/"
  xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
  xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{e("/Title")}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>{e("/Author")}</rdf:li></rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{e("/Subject")}</rdf:li></rdf:Alt></dc:description>
<pdf:Producer>{e("/Producer")}</pdf:Producer>
<pdf:Trapped>False</pdf:Trapped>
<xmp:CreatorTool>{e("/Creator")}</xmp:CreatorTool>
<xmp:CreateDate>{created}</xmp:CreateDate>
<xmp:ModifyDate>{modified}</xmp:ModifyDate>
<xmp:MetadataDate>{modified}</xmp:MetadataDate>
<xmpMM:DocumentID>uuid:{document_id}</xmpMM:DocumentID>
<xmpMM:InstanceID>uuid:{instance_id}</xmpMM:InstanceID>
<xmpMM:VersionID>1</xmpMM:VersionID>
<xmpMM:RenditionClass>default</xmpMM:RenditionClass>
<pdfxid:GTS_PDFXVersion>{PDFX}</pdfxid:GTS_PDFXVersion>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""


def _iso(pdf_date: str) -> str:
    """D:20000101000000+00'00' -> 2000-01-01T00:00:00+00:00"""
    d = pdf_date[2:] if pdf_date.startswith("D:") else pdf_date
    d = (d + "00000101000000")[:14] if len(d) < 14 else d
    zone = d[14:].replace("'", "")
    zone = "Z" if zone in ("", "Z") else f"{zone[:3]}:{zone[3:5] or '00'}"
    return f"{d[0:4]}-{d[4:6]}-{d[6:8]}T{d[8:10]}:{d[10:12]}:{d[12:14]}{zone}"
