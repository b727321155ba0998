"""Tagged PDF: the structure tree, marked content and the PDF/UA bookkeeping
that ReportLab does not write.

The text engine asks the canvas's `Tagger` for a structure element (H1, H2,
P, Link, L/LI/Lbl/LBody, Table/TR/TH/TD, Figure, Sect...) and wraps what it draws in marked content with an MCID
owned by that element; decoration is marked as Artifact. On save, the canvas
writes StructTreeRoot, ParentTree, MarkInfo, StructParents and /Tabs /S on
pages, /StructParent and /Contents on link annotations, and XMP metadata with
dc:title and pdfuaid:part 1. Elements are created in story order, so the
structure's reading order is the leaflet's, whatever the panel positions.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from html import escape as _escape

from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.pdfdoc import (PDFArray, PDFDictionary, PDFName, PDFObjectReference, PDFStream,
                                      PDFString)
from reportlab.pdfgen.canvas import Canvas

# PDFPage writes only the keys it lists; tagged pages need two more.
for _key in ("StructParents", "Tabs"):
    if _key not in pdfdoc.PDFPage.__NoDefault__:
        pdfdoc.PDFPage.__NoDefault__.append(_key)

ANNOTATION_KEYS = 100_000  # ParentTree keys for annotations start here; pages use 0, 1, 2...
ARTIFACT_BEGIN, ARTIFACT_END = "/Artifact BMC", "EMC"
# XML text for the XMP packet (html.escape: xml.sax.saxutils would import the http client on every build)
escape = partial(_escape, quote=False)


@dataclass(eq=False)
class Element:
    role: str
    lang: str | None = None
    alt: str | None = None
    parent: "Element | None" = None
    actual: str | None = None  # /ActualText: the element's text in reading order
    kids: list = field(default_factory=list)  # Element | (page, mcid) | ("annot", name, page)
    page: int | None = None  # first page it has content on
    attributes: dict | None = None  # e.g. {"O": "Table", "Scope": "Column"} for a table's TH


class Tagger:
    def __init__(self, language: str, data_language: str = "en-GB"):
        self.language = language
        self.data_language = data_language  # names, addresses, e-mail and web addresses
        self.root = Element("Document")
        self._keyed: dict = {}
        self.page = 1
        self.mcids: dict[int, list[Element]] = {}  # page -> owner of each MCID, in order
        self.annotations: list[tuple[str, int, Element]] = []

    def element(self, role: str, key=None, parent: Element | None = None, lang: str | None = None,
                alt: str | None = None, actual: str | None = None) -> Element:
        """The element for `key` (one paragraph split over two pages is one P), made on first use."""
        if key is not None and (role, key) in self._keyed:
            return self._keyed[(role, key)]
        el = Element(role, lang if lang and lang != self.language else None, alt, parent or self.root, actual=actual)
        el.parent.kids.append(el)
        if key is not None:
            self._keyed[(role, key)] = el
        return el

    def begin(self, el: Element) -> str:
        """Operators opening marked content owned by `el` on the current page."""
        owners = self.mcids.setdefault(self.page, [])
        mcid = len(owners)
        owners.append(el)
        el.kids.append((self.page, mcid))
        if el.page is None:
            el.page = self.page
        return f"/{el.role} <</MCID {mcid}>> BDC"


class TaggedCanvas(Canvas):
    """A canvas that carries a Tagger and writes the structure tree on save."""

    tagger: Tagger | None = None
    _link_count = 0

    def artifact(self, draw) -> None:
        """Run `draw()` (canvas calls) as an Artifact: decoration, not content."""
        self._code.append(ARTIFACT_BEGIN)
        draw()
        self._code.append(ARTIFACT_END)

    def tagged_link(self, el: Element, url: str, rect, contents: str) -> None:
        """A link annotation that belongs to Link element `el` (OBJR), with /Contents."""
        self._link_count += 1
        name = f"Link{self._link_count}"
        ann = PDFDictionary({"Type": PDFName("Annot"), "Subtype": PDFName("Link"),
                             "Rect": PDFArray(self._absRect(rect, 1)), "Border": PDFArray([0, 0, 0]),
                             "Contents": PDFString(contents),
                             "A": PDFDictionary({"S": PDFName("URI"), "URI": PDFString(url)})})
        if self.tagger:
            ann["StructParent"] = ANNOTATION_KEYS + len(self.tagger.annotations)
            self.tagger.annotations.append((name, self._pageNumber, el))
            el.kids.append(("annot", name, self._pageNumber))
        self._addAnnotation(ann, name)

    def showPage(self):
        tagger = self.tagger
        number = self._pageNumber
        has_links = bool(self._annotationrefs)
        super().showPage()
        if tagger:
            page = self._doc.Pages.pages[-1]
            page.StructParents = number - 1
            if has_links:
                page.Tabs = PDFName("S")
            tagger.page = number + 1

    def save(self):
        if self.tagger:
            _write_structure(self._doc, self.tagger, self._doc.Pages.pages)
        super().save()


def _write_structure(doc, tagger: Tagger, pages) -> None:
    refs: dict[int, PDFObjectReference] = {}

    def page_ref(n: int) -> PDFObjectReference:
        return PDFObjectReference(f"Page{n}")

    def make(el: Element, parent_ref) -> PDFObjectReference:
        d = PDFDictionary({"Type": PDFName("StructElem"), "S": PDFName(el.role)})
        ref = doc.Reference(d)
        refs[id(el)] = ref
        if parent_ref is not None:
            d["P"] = parent_ref
        if el.page is not None:
            d["Pg"] = page_ref(el.page)
        if el.lang:
            d["Lang"] = PDFString(el.lang)
        if el.alt:
            d["Alt"] = PDFString(el.alt)
        if el.actual:
            d["ActualText"] = PDFString(el.actual)
        if el.attributes:
            d["A"] = PDFDictionary({k: PDFName(v) for k, v in el.attributes.items()})
        kids = []
        for kid in el.kids:
            if isinstance(kid, Element):
                kids.append(make(kid, ref))
            elif kid[0] == "annot":
                kids.append(PDFDictionary({"Type": PDFName("OBJR"), "Obj": doc.refAnnotation(kid[1]),
                                           "Pg": page_ref(kid[2])}))
            else:
                page, mcid = kid
                kids.append(mcid if page == el.page else
                            PDFDictionary({"Type": PDFName("MCR"), "Pg": page_ref(page), "MCID": mcid}))
        d["K"] = PDFArray(kids)
        return ref

    root = PDFDictionary({"Type": PDFName("StructTreeRoot")})
    root_ref = doc.Reference(root)
    document = make(tagger.root, root_ref)
    nums = []
    for page, owners in sorted(tagger.mcids.items()):
        nums += [page - 1, PDFArray([refs[id(el)] for el in owners])]
    for i, (_, _, el) in enumerate(tagger.annotations):
        nums += [ANNOTATION_KEYS + i, refs[id(el)]]
    root["K"] = document
    root["ParentTree"] = doc.Reference(PDFDictionary({"Nums": PDFArray(nums)}))
    root["ParentTreeNextKey"] = ANNOTATION_KEYS + len(tagger.annotations)
    doc.Catalog.StructTreeRoot = root_ref
    doc.Catalog.MarkInfo = PDFDictionary({"Marked": "true"})
    doc.Catalog.Metadata = doc.Reference(_xmp(doc, tagger.language))


def _xmp(doc, language: str) -> PDFStream:
    info = doc.info
    xml = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(info.title or "")}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{escape(info.author or "")}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{escape(info.subject or "")}</rdf:li></rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>{escape(language)}</rdf:li></rdf:Bag></dc:language>
   <pdf:Producer>{escape(info.producer or "")}</pdf:Producer>
   <pdfuaid:part>1</pdfuaid:part>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
    return _PlainStream(PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}),
                        xml.encode("utf-8"))


class _PlainStream(PDFStream):
    """A stream written as it is, with no /Filter key: XMP must stay readable
    without decoding, and ReportLab writes an empty `/Filter []` for filters=[],
    which validators cannot read the metadata through."""

    def format(self, document):
        content = document.encrypt.encode(self.content)
        d = PDFDictionary({**self.dictionary.dict, "Length": len(content)})
        return pdfdoc.format(d, document) + b"\nstream\n" + pdfdoc.format(content, document) + b"endstream\n"
