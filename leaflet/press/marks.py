"""Printer's marks around a trimmed page, all outside the bleed.

Crop marks and registration targets are drawn in the registration colour
(Separation /All: every plate); colour bars are process solids and tints.
Coordinates are the press page's: the trim box is (x0, y0, x1, y1).
"""
from __future__ import annotations

import math

from ..layout import MM, Press

ALL = "/CS_All"  # the page resource name of the registration colour
BAR = [(1, 0, 0, 0), (0, 1, 0, 0), (0, 0, 1, 0), (0, 0, 0, 1),
       (.5, 0, 0, 0), (0, .5, 0, 0), (0, 0, .5, 0), (0, 0, 0, .5), (1, 1, 1, 0)]
PATCH = 4 * MM


def marks(press: Press, trim: tuple[float, float, float, float]) -> str:
    """Content stream operators for the layout's marks (empty if it wants none)."""
    ops = []
    if "crop" in press.marks:
        ops += crop(press, trim)
    if "registration" in press.marks:
        ops += registration(press, trim)
    if "colour_bars" in press.marks:
        ops += colour_bars(press, trim)
    if not ops:
        return ""
    return "\n".join(["q", f"{ALL} CS 1 SCN {press.mark_width:.3f} w 0 J", *ops, "Q"])


def crop(press: Press, trim) -> list[str]:
    """Two short lines at each corner, in line with the trim edges, starting past the bleed."""
    x0, y0, x1, y1 = trim
    near, far = press.mark_offset, press.mark_offset + press.mark_length
    out = []
    for x, sx in ((x0, -1), (x1, 1)):
        for y, sy in ((y0, -1), (y1, 1)):
            out.append(f"{x + sx * near:.3f} {y:.3f} m {x + sx * far:.3f} {y:.3f} l S")
            out.append(f"{x:.3f} {y + sy * near:.3f} m {x:.3f} {y + sy * far:.3f} l S")
    return out


def registration(press: Press, trim) -> list[str]:
    """A target (circle and cross) in the middle of each side's slug."""
    x0, y0, x1, y1 = trim
    d = press.mark_offset + press.mark_length / 2
    r = min(press.mark_length / 2, 2 * MM)
    arm = r * 1.25
    out = []
    for cx, cy in (((x0 + x1) / 2, y1 + d), ((x0 + x1) / 2, y0 - d), (x0 - d, (y0 + y1) / 2), (x1 + d, (y0 + y1) / 2)):
        out.append(_circle(cx, cy, r) + " S")
        out.append(f"{cx - arm:.3f} {cy:.3f} m {cx + arm:.3f} {cy:.3f} l S {cx:.3f} {cy - arm:.3f} m "
                   f"{cx:.3f} {cy + arm:.3f} l S")
    return out


def colour_bars(press: Press, trim) -> list[str]:
    """Process solids and 50 % tints along the foot, between the left crop mark and the centre."""
    x0, y0, _, _ = trim
    top = y0 - press.mark_offset - 0.5 * MM
    out = []
    for i, (c, m, y, k) in enumerate(BAR):
        out.append(f"{c:g} {m:g} {y:g} {k:g} k {x0 + 2 * MM + i * PATCH:.3f} {top - PATCH:.3f} "
                   f"{PATCH:.3f} {PATCH:.3f} re f")
    return out


def _circle(cx: float, cy: float, r: float) -> str:
    k = 4 * (math.sqrt(2) - 1) / 3 * r  # four Bezier quarter arcs
    pts = [(cx + r, cy)]
    segs = []
    for (ax, ay), (bx, by), (ex, ey) in (((r, k), (k, r), (0, r)), ((-k, r), (-r, k), (-r, 0)),
                                         ((-r, -k), (-k, -r), (0, -r)), ((k, -r), (r, -k), (r, 0))):
        segs.append(f"{cx + ax:.3f} {cy + ay:.3f} {cx + bx:.3f} {cy + by:.3f} {cx + ex:.3f} {cy + ey:.3f} c")
    return f"{pts[0][0]:.3f} {pts[0][1]:.3f} m " + " ".join(segs) + " h"
