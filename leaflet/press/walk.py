"""Read a page's content the way a RIP would, for the checker: every painted
shape and text run with its page-space bounding box and colour space, every
colour set (with its values), every image drawn, through forms and q/Q/cm.

Text extents come from the fonts' widths (simple and Type0 fonts), the height
from the font size (ascent 0.9 em, descent 0.3 em): close enough to tell a line
of text from a 5 mm margin.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pikepdf
from pikepdf import Name

PAINT = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*"}
STROKES = {"S", "s", "B", "B*", "b", "b*"}
DEVICE = {"g": "/DeviceGray", "G": "/DeviceGray", "rg": "/DeviceRGB", "RG": "/DeviceRGB",
          "k": "/DeviceCMYK", "K": "/DeviceCMYK"}


@dataclass(frozen=True)
class Mark:
    """Something painted: kind is path | text | image; box in page space."""
    kind: str
    box: tuple[float, float, float, float]
    space: str  # the colour space it is painted in (family name, e.g. /DeviceCMYK, /Separation:/All)
    filled_rect: bool = False  # a plain filled rectangle (a background)
    line_width: float | None = None  # a stroke's width in page space (points)


@dataclass
class Page:
    marks: list[Mark] = field(default_factory=list)
    colours: list[tuple[str, tuple[float, ...], str]] = field(default_factory=list)  # (space, values, where)
    spaces: list[tuple[str, str]] = field(default_factory=list)  # (colour space family, where it is used)
    fonts: list = field(default_factory=list)  # font dictionaries used
    images: list = field(default_factory=list)  # image XObjects drawn


def mul(a, b):
    return (a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3], a[2] * b[0] + a[3] * b[2],
            a[2] * b[1] + a[3] * b[3], a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5])


def apply(m, x, y):
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def box_of(points, m, pad=0.0):
    pts = [apply(m, x, y) for x, y in points]
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return (min(xs) - pad, min(ys) - pad, max(xs) + pad, max(ys) + pad)


def family(space, resources) -> str:
    """A colour space's family name; a named resource is looked up."""
    if isinstance(space, pikepdf.Name) and str(space) not in ("/DeviceGray", "/DeviceRGB", "/DeviceCMYK", "/Pattern"):
        cs = (resources.get("/ColorSpace") or {}).get(str(space))
        if cs is None:
            return f"undefined {space}"
        space = cs
    if isinstance(space, pikepdf.Array):
        head = str(space[0])
        if head == "/Separation":
            return f"/Separation:{space[1]}:{family(space[2], resources)}"
        if head == "/ICCBased":
            return f"/ICCBased:{int(space[1].get('/N', 0))}"
        if head in ("/Indexed", "/DeviceN"):
            return f"{head}:{family(space[1] if head == '/Indexed' else space[2], resources)}"
        return head
    return str(space)


def walk(page: pikepdf.Page) -> Page:
    out = Page()
    _walk(page.obj, page.obj.Resources, (1, 0, 0, 1, 0, 0), out, "page", set())
    return out


def _walk(stream, resources, ctm, out: Page, where: str, seen: set) -> None:
    stack = []
    gs = {"ctm": ctm, "lw": 1.0, "fill": "/DeviceGray", "stroke": "/DeviceGray"}
    path, rect_only = [], True
    tm = tlm = (1, 0, 0, 1, 0, 0)
    font, size, tc, tw, th, rise, leading = None, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0
    cur = (0.0, 0.0)
    for operands, op in pikepdf.parse_content_stream(stream):
        name = str(op)
        if name == "q":
            stack.append(dict(gs))
        elif name == "Q":
            gs = stack.pop() if stack else gs
        elif name == "cm":
            gs["ctm"] = mul(tuple(float(v) for v in operands), gs["ctm"])
        elif name == "w":
            gs["lw"] = float(operands[0])
        elif name in DEVICE:
            side = "stroke" if name.isupper() else "fill"
            gs[side] = DEVICE[name]
            out.colours.append((DEVICE[name], tuple(float(v) for v in operands), where))
            out.spaces.append((DEVICE[name], where))
        elif name in ("cs", "CS"):
            gs["fill" if name == "cs" else "stroke"] = family(operands[0], resources)
            out.spaces.append((gs["fill" if name == "cs" else "stroke"], where))
        elif name in ("sc", "scn", "SC", "SCN"):
            space = gs["fill" if name in ("sc", "scn") else "stroke"]
            values = tuple(float(v) for v in operands if not isinstance(v, pikepdf.Name))
            out.colours.append((space, values, where))
        elif name == "m":
            cur = (float(operands[0]), float(operands[1]))
            path.append(cur)
        elif name in ("l",):
            cur = (float(operands[0]), float(operands[1]))
            path.append(cur)
            rect_only = False
        elif name in ("c", "v", "y"):
            vals = [float(v) for v in operands]
            path += [(vals[i], vals[i + 1]) for i in range(0, len(vals), 2)]
            rect_only = False
        elif name == "re":
            x, y, w, h = (float(v) for v in operands)
            path += [(x, y), (x + w, y + h)]
        elif name in PAINT:
            if path:
                pad = gs["lw"] / 2 if name in STROKES else 0.0
                space = gs["stroke"] if name in STROKES else gs["fill"]
                m = gs["ctm"]
                scale = (abs(m[0] * m[3] - m[1] * m[2])) ** 0.5  # the CTM's mean scale
                out.marks.append(Mark("path", box_of(path, m, pad * scale), space,
                                      filled_rect=rect_only and name not in STROKES,
                                      line_width=gs["lw"] * scale if name in STROKES else None))
            path, rect_only = [], True
        elif name == "n":
            path, rect_only = [], True
        elif name == "BT":
            tm = tlm = (1, 0, 0, 1, 0, 0)
        elif name == "Tf":
            font = (resources.get("/Font") or {}).get(str(operands[0]))
            size = float(operands[1])
            if font is not None:
                out.fonts.append(font)
        elif name == "Tc":
            tc = float(operands[0])
        elif name == "Tw":
            tw = float(operands[0])
        elif name == "Tz":
            th = float(operands[0]) / 100
        elif name == "Ts":
            rise = float(operands[0])
        elif name == "TL":
            leading = float(operands[0])
        elif name == "Tm":
            tm = tlm = tuple(float(v) for v in operands)
        elif name in ("Td", "TD"):
            tx, ty = float(operands[0]), float(operands[1])
            if name == "TD":
                leading = -ty
            tm = tlm = mul((1, 0, 0, 1, tx, ty), tlm)
        elif name == "T*":
            tm = tlm = mul((1, 0, 0, 1, 0, -leading), tlm)
        elif name in ("Tj", "TJ", "'", '"'):
            if name in ("'", '"'):
                tm = tlm = mul((1, 0, 0, 1, 0, -leading), tlm)
            items = operands[-1] if name != "TJ" else operands[0]
            items = [items] if name != "TJ" else list(items)
            advance = 0.0
            for item in items:
                if isinstance(item, pikepdf.String):
                    for code in _codes(font, bytes(item)):
                        advance += (_width(font, code) / 1000 * size + tc + (tw if code == 32 else 0)) * th
                else:
                    advance -= float(item) / 1000 * size * th
            trm = mul(tm, gs["ctm"])
            out.marks.append(Mark("text", box_of([(0, -0.3 * size + rise), (advance, 0.9 * size + rise)], trm),
                                  gs["fill"]))
            tm = mul((1, 0, 0, 1, advance, 0), tm)
        elif name == "Do":
            xobj = (resources.get("/XObject") or {}).get(str(operands[0]))
            if xobj is None:
                continue
            if xobj.get("/Subtype") == Name.Image:
                out.images.append(xobj)
                out.marks.append(Mark("image", box_of([(0, 0), (1, 1)], gs["ctm"]),
                                      family(xobj.get("/ColorSpace", Name.DeviceGray), resources)))
            elif xobj.get("/Subtype") == Name.Form and xobj.objgen not in seen:
                m = tuple(float(v) for v in xobj.get("/Matrix", [1, 0, 0, 1, 0, 0]))
                _walk(xobj, xobj.get("/Resources", resources), mul(m, gs["ctm"]), out, f"form {operands[0]}",
                      seen | {xobj.objgen})
        elif name == "INLINE IMAGE":
            image = operands[0]
            cs = image.obj.get("/CS", image.obj.get("/ColorSpace", Name.DeviceGray))
            short = {"/RGB": "/DeviceRGB", "/G": "/DeviceGray", "/CMYK": "/DeviceCMYK"}
            out.spaces.append((short.get(str(cs), family(cs, resources)), f"{where} (inline image)"))


def _codes(font, data: bytes) -> list[int]:
    if font is not None and font.get("/Subtype") == Name.Type0:
        return [int.from_bytes(data[i:i + 2], "big") for i in range(0, len(data), 2)]
    return list(data)


def _width(font, code: int) -> float:
    if font is None:
        return 500.0
    if font.get("/Subtype") == Name.Type0:
        desc = font.DescendantFonts[0]
        w = desc.get("/W")
        if w is not None:
            i = 0
            while i < len(w):
                first = int(w[i])
                if isinstance(w[i + 1], pikepdf.Array):
                    if first <= code < first + len(w[i + 1]):
                        return float(w[i + 1][code - first])
                    i += 2
                else:
                    if first <= code <= int(w[i + 1]):
                        return float(w[i + 2])
                    i += 3
        return float(desc.get("/DW", 1000))
    widths, first = font.get("/Widths"), int(font.get("/FirstChar", 0))
    if widths is not None and first <= code < first + len(widths):
        return float(widths[code - first])
    return 0.0
