"""The machine-checkable PDF/UA-1 rules the screen editions must meet, checked
on any PDF (veraPDF is not available here). Each failure is one line naming the
page or object and the rule, with the Matterhorn Protocol checkpoint where
there is one.
"""
from __future__ import annotations

import contextlib
import io
import logging
import re
import warnings
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import ArrayObject, ContentStream, DictionaryObject, IndirectObject

from .errors import LeafletError

TEXT_OPS = {b"Tj", b"TJ", b"'", b'"'}
PAINT_OPS = {b"f", b"F", b"f*", b"S", b"s", b"B", b"B*", b"b", b"b*", b"sh", b"Do"}
HEADING = re.compile(r"^/H([1-6])$")


def check_file(path: Path | str) -> list[str]:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise LeafletError(f"cannot read file: {exc.strerror}", str(path)) from None
    with _quiet():
        try:
            PdfReader(io.BytesIO(data)).trailer["/Root"]
        except Exception as exc:  # not a PDF, or a damaged one: one line, not pypdf's log
            raise LeafletError(f"cannot be read as a PDF ({str(exc)[:100]})", str(path)) from None
        return check(data)


@contextlib.contextmanager
def _quiet():
    """pypdf logs what it repairs to stderr; the checker reports in its own words."""
    log = logging.getLogger("pypdf")
    level = log.level
    log.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        log.setLevel(level)


def check(pdf: bytes) -> list[str]:
    try:
        with _quiet():
            reader = PdfReader(io.BytesIO(pdf))
            root = reader.trailer["/Root"]
    except Exception as exc:  # a file that is not a PDF at all
        return [f"document: cannot be read as a PDF ({exc})"]
    out: list[str] = []
    _document_rules(reader, root, out)
    tree = root.get("/StructTreeRoot")
    if tree is None:
        out.append("document: no structure tree (01-001 / PDF/UA 7.1: the document is not tagged)")
        return out
    tree = tree.get_object()
    elements = list(_walk(tree))
    _structure_rules(elements, out)
    _link_rules(reader, tree, elements, out)
    _content_rules(reader, tree, out)
    return out


def _document_rules(reader, root, out: list[str]) -> None:
    mark = root.get("/MarkInfo")
    if not mark or not mark.get_object().get("/Marked"):
        out.append("document: MarkInfo /Marked is not true (01-002)")
    if not str(root.get("/Lang", "")).strip():
        out.append("document: no /Lang in the catalog (11-006: natural language not determinable)")
    prefs = root.get("/ViewerPreferences")
    if not prefs or "/DisplayDocTitle" not in prefs.get_object():
        out.append("document: ViewerPreferences has no DisplayDocTitle (07-001)")
    elif not prefs.get_object()["/DisplayDocTitle"]:
        out.append("document: DisplayDocTitle is false (07-002)")
    meta = root.get("/Metadata")
    if meta is None:
        out.append("document: no XMP metadata stream (06-001)")
    else:
        if "/Filter" in meta.get_object():  # even an empty `/Filter []` stops validators reading it
            out.append("document: the XMP metadata stream has a /Filter (06-001: metadata must be readable as is)")
        xmp = meta.get_object().get_data().decode("utf-8", "replace")
        if not re.search(r"<pdfuaid:part>\s*1\s*</pdfuaid:part>|pdfuaid:part=\"1\"", xmp):
            out.append("document: XMP has no PDF/UA identifier pdfuaid:part 1 (06-002)")
        if not re.search(r"<dc:title>.*?<rdf:li[^>]*>\s*[^<\s][^<]*</rdf:li>", xmp, re.S):
            out.append("document: XMP has no dc:title (06-003)")
    for n, page in enumerate(reader.pages, 1):
        fonts = page.get("/Resources", {}).get("/Font", {})
        for name, ref in fonts.items():
            font = ref.get_object()
            desc = font.get("/FontDescriptor")
            if desc is not None and not any(k in desc.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                out.append(f"page {n}: font {name} ({font.get('/BaseFont')}) is not embedded (31-001)")
            if desc is None and font.get("/Subtype") != "/Type0":
                out.append(f"page {n}: font {name} ({font.get('/BaseFont')}) is not embedded (31-001)")
            if "/ToUnicode" not in font:
                out.append(f"page {n}: font {name} has no ToUnicode map (31-008: glyphs do not map to Unicode)")


def _walk(node, parent=None):
    """Structure elements in document (reading) order, as (element, parent)."""
    kids = node.get("/K")
    if kids is None:
        return
    kids = kids if isinstance(kids, ArrayObject) else [kids]
    for kid in kids:
        obj = kid.get_object() if isinstance(kid, IndirectObject) else kid
        if isinstance(obj, DictionaryObject) and obj.get("/Type", "/StructElem") == "/StructElem" and "/S" in obj:
            yield obj, node
            yield from _walk(obj, obj)


def _name(el) -> str:
    return str(el.get("/S"))


def _structure_rules(elements, out: list[str]) -> None:
    previous = 0
    for el, _ in elements:
        role = _name(el)
        m = HEADING.match(role)
        if m:
            level = int(m.group(1))
            if level > previous + 1:
                out.append(f"structure: {role} follows {'H' + str(previous) if previous else 'no heading'} "
                           "(14-003: numbered heading levels skipped)")
            previous = level
        if role == "/Figure" and not el.get("/Alt") and not el.get("/ActualText"):
            out.append("structure: Figure without /Alt (13-004: alternative text missing)")
        if "/Lang" in el and not str(el["/Lang"]).strip():
            out.append(f"structure: {role} has an empty /Lang (11-006)")


def _link_rules(reader, tree, elements, out: list[str]) -> None:
    parent_tree = _parent_tree(tree)
    objr = {}
    for el, _ in elements:
        for kid in _kids(el):
            obj = kid.get_object() if isinstance(kid, IndirectObject) else kid
            if isinstance(obj, DictionaryObject) and obj.get("/Type") == "/OBJR":
                target = obj.raw_get("/Obj")
                if isinstance(target, IndirectObject):
                    objr[target.idnum] = _name(el)
    for n, page in enumerate(reader.pages, 1):
        annots = page.get("/Annots")
        if not annots:
            continue
        if page.get("/Tabs") is None:
            out.append(f"page {n}: has annotations but no /Tabs (28-008)")
        elif page["/Tabs"] != "/S":
            out.append(f"page {n}: /Tabs is {page['/Tabs']}, not /S (28-009)")
        for ref in annots.get_object():
            ann = ref.get_object()
            if ann.get("/Subtype") != "/Link":
                continue
            where = f"page {n}, object {ref.idnum}"
            if objr.get(ref.idnum) != "/Link":
                out.append(f"{where}: link annotation is not referenced from a Link element by OBJR (28-011)")
            if "/StructParent" not in ann:
                out.append(f"{where}: link annotation has no /StructParent")
            elif parent_tree.get(int(ann["/StructParent"])) is None:
                out.append(f"{where}: /StructParent {ann['/StructParent']} is not in the ParentTree")
            if not str(ann.get("/Contents", "")).strip():
                out.append(f"{where}: link annotation has no /Contents (28-004: alternate description missing)")


def _kids(el):
    kids = el.get("/K", [])
    return kids if isinstance(kids, ArrayObject) else [kids]


def _parent_tree(tree) -> dict:
    out = {}

    def walk(node):
        node = node.get_object()
        nums = node.get("/Nums", [])
        for i in range(0, len(nums), 2):
            out[int(nums[i])] = nums[i + 1]
        for kid in node.get("/Kids", []):
            walk(kid)

    if "/ParentTree" in tree:
        walk(tree["/ParentTree"])
    return out


def _content_rules(reader, tree, out: list[str]) -> None:
    parent_tree = _parent_tree(tree)
    for n, page in enumerate(reader.pages, 1):
        stack: list[tuple[str, int | None]] = []
        unmarked, mcids = 0, []
        contents = page.get_contents()
        if contents is None:
            continue
        for operands, op in ContentStream(contents, reader).operations:
            if op in (b"BDC", b"BMC"):
                props = operands[1] if op == b"BDC" and len(operands) > 1 else None
                mcid = props.get("/MCID") if isinstance(props, DictionaryObject) else None
                stack.append((str(operands[0]), mcid))
                if mcid is not None:
                    mcids.append(int(mcid))
            elif op == b"EMC":
                if not stack:
                    out.append(f"page {n}: EMC without an open marked-content sequence")
                else:
                    stack.pop()
            elif op in TEXT_OPS or op in PAINT_OPS:
                owned = any(tag == "/Artifact" or mcid is not None for tag, mcid in stack)
                if not owned:
                    unmarked += 1
        if stack:
            out.append(f"page {n}: {len(stack)} marked-content sequence(s) left open")
        if unmarked:
            out.append(f"page {n}: {unmarked} operator(s) draw content that is neither tagged nor an Artifact (01-005)")
        if mcids:
            key = page.get("/StructParents")
            if key is None:
                out.append(f"page {n}: has marked content but no /StructParents")
                continue
            owners = parent_tree.get(int(key))
            owners = owners.get_object() if owners is not None else None
            if owners is None or len(owners) < max(mcids) + 1:
                out.append(f"page {n}: ParentTree entry {key} does not cover MCIDs 0..{max(mcids)}")
