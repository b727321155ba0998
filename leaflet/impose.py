"""Imposition: A5 pages in reading order -> A4 landscape sheets for an office
duplex printer (print both sides, flip on the short edge, fold, nest, staple).

For n pages (a multiple of 4), sheet k (from 0) carries on its outside
(n-2k) | (2k+1) and on its inside (2k+2) | (n-2k-1): folded and nested, the
stack reads 1..n. A right-to-left leaflet (Arabic, Farsi, Urdu) is bound on
the right, so each side is mirrored: (2k+1) | (n-2k) and (n-2k-1) | (2k+2).
A light fold mark sits near the top and bottom of the fold, inside the area
an office printer prints.

A DL leaflet (`roll-fold`) is one A4 landscape sheet of six 99 mm panels:
outside flap | back | front, inside 3 | 4 | 5, the flap being page 2, the
first panel seen on opening the cover. Printed flip on the short edge, the
back of each outside panel is the inside panel opposite it (the front's back
is page 3, the flap's page 5), so the front folds over the flap, which folds
in over pages 4 and 5. Right to left, both sides are mirrored. A longer DL
has more sheets of six, each folded alike and laid inside the flap of the
one before: sheet k of an n-page leaflet has front 3k+1, flap 3k+2, inside
3k+3 | n-3k-2 | n-3k-1 and back n-3k, so the reader meets page 3, then the
inner sheet, then the rest of the outer one's inside and its back. `duplex`
pages (A4 large print) are printed one a side, as they are.
"""
from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4, landscape

SHEET_W, SHEET_H = landscape(A4)


def sheet_order(pages: int, rtl: bool = False) -> list[tuple[int, int]]:
    """(left, right) page numbers (1-based) of each printed side, in printing order."""
    if pages % 4:
        raise ValueError(f"a folded leaflet needs a multiple of 4 pages, not {pages}")
    sides = []
    for k in range(pages // 4):
        sides.append((pages - 2 * k, 2 * k + 1))  # outside
        sides.append((2 * k + 2, pages - 2 * k - 1))  # inside
    return [(right, left) for left, right in sides] if rtl else sides


def side_order(pages: int, imposition: str = "fold", rtl: bool = False) -> list[tuple[int, ...]]:
    """The page numbers on each printed side, left to right, in printing order."""
    if imposition == "fold":
        return sheet_order(pages, rtl)
    if imposition == "roll-fold":
        if pages % 6 or not pages:
            raise ValueError(f"a roll-folded sheet has 6 panels, not {pages}")
        sides = []
        for k in range(pages // 6):
            sides.append((3 * k + 2, pages - 3 * k, 3 * k + 1))  # outside: flap | back | front
            sides.append((3 * k + 3, pages - 3 * k - 2, pages - 3 * k - 1))  # inside
        return [side[::-1] for side in sides] if rtl else sides
    if imposition == "duplex":
        if pages % 2:
            raise ValueError(f"a duplex leaflet needs an even number of pages, not {pages}")
        return [(n,) for n in range(1, pages + 1)]
    raise ValueError(f"unknown imposition {imposition}")


def flip_order(pages: int, mixed: bool = False) -> list[tuple[int, bool]]:
    """Booklet positions of a flip (tete-beche) edition whose screen file holds
    one language's pages, then the other's: the second half runs backwards from
    the back cover, so each language starts at its own cover and reads towards
    the middle. Two languages of one direction need the second half upside
    down; a right-to-left and a left-to-right language (`mixed`) do not: the
    back cover of a book bound on the right is the front of one bound on the
    left, so both halves stand upright."""
    half = pages // 2
    return [(i, False) for i in range(1, half + 1)] + [(half + pages - i + 1, not mixed)
                                                        for i in range(half + 1, pages + 1)]


def impose(screen_pdf: bytes, fold_colour: str, fold_length: float, fold_width: float,
           metadata: dict | None = None, order: list[tuple[int, bool]] | None = None,
           rtl: bool = False, fold_edge: float = 0.0, imposition: str = "fold") -> bytes:
    """`order`: for each booklet position, (screen page, upside down); default
    reading order. `rtl`: bound on the right. `fold_edge`: the fold marks'
    distance from the sheet edge. `imposition`: fold, roll-fold or duplex."""
    # pikepdf is loaded here, not with the module: a build imposes in its second
    # process (overlap), and the one that typesets then never loads it.
    import pikepdf
    from pikepdf import Array, Dictionary, Name

    out = pikepdf.new()
    with pikepdf.open(io.BytesIO(screen_pdf)) as source:
        # Each page becomes a Form XObject placed on its sheet with `cm`: no
        # content stream is parsed or rewritten, fonts are shared, and links
        # (/Annots) are left behind: they are for screens. qpdf copies the
        # objects (pypdf's pure-Python copy cost a print file 30 ms more).
        forms = [out.copy_foreign(page.as_form_xobject(handle_transformations=False)) for page in source.pages]
        w, h = (float(v) for v in source.pages[0].mediabox[2:])
    order = order or [(i, False) for i in range(1, len(forms) + 1)]
    sheet_w, sheet_h = (SHEET_H, SHEET_W) if imposition == "duplex" else (SHEET_W, SHEET_H)
    for side in side_order(len(forms), imposition, rtl):
        x0, y0 = (sheet_w - len(side) * w) / 2, (sheet_h - h) / 2
        names = [f"/P{i}" for i in range(len(side))]
        ops = [_place(name[1:], x0 + i * w, y0, w, h, order[n - 1][1]) for i, (name, n) in enumerate(zip(names, side))]
        ops += [_fold_marks(fold_colour, fold_length, fold_width, fold_edge, x0 + i * w, sheet_h)
                for i in range(1, len(side))]
        sheet = Dictionary(Type=Name.Page, MediaBox=Array([0, 0, sheet_w, sheet_h]),
                           Resources=Dictionary(XObject=Dictionary({name: forms[order[n - 1][0] - 1]
                                                                    for name, n in zip(names, side)})),
                           Contents=out.make_stream("\n".join(ops).encode()))
        out.pages.append(pikepdf.Page(sheet))
    for key, value in (metadata or {}).items():
        out.docinfo[key] = value
    # What the README asks of the person printing, said to the print dialogue too.
    flip = Name.DuplexFlipLongEdge if imposition == "duplex" else Name.DuplexFlipShortEdge  # portrait vs landscape
    out.Root.ViewerPreferences = Dictionary(Duplex=flip, PrintScaling=Name("/None"))
    data = io.BytesIO()
    # Compressed streams, an /ID from the content: the same edition gives the same bytes.
    out.save(data, compress_streams=True, deterministic_id=True)
    return data.getvalue()


def _place(name: str, x: float, y: float, w: float, h: float, upside_down: bool) -> str:
    if upside_down:  # turned half a turn about the page's centre
        return f"q -1 0 0 -1 {x + w:.3f} {y + h:.3f} cm /{name} Do Q"
    return f"q 1 0 0 1 {x:.3f} {y:.3f} cm /{name} Do Q"


def _fold_marks(colour: str, length: float, width: float, edge: float, x: float = SHEET_W / 2,
                sheet_h: float = SHEET_H) -> str:
    """A short light line at the top and bottom of the fold at `x`, `edge` in
    from the sheet's edge (office printers leave about 5 mm unprinted)."""
    r, g, b = (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    top, bottom = sheet_h - edge, edge
    return (f"q {width:.2f} w 0 J {r:.3f} {g:.3f} {b:.3f} RG {x:.3f} {top:.3f} m {x:.3f} {top - length:.3f} l S "
            f"{x:.3f} {bottom:.3f} m {x:.3f} {bottom + length:.3f} l S Q")
