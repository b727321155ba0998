"""Layouts as data: `layouts/<name>.yaml` -> an immutable Layout, contrast-checked."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import source
from .errors import LeafletError
from .source import Node

MM = 72 / 25.4
LAYOUTS = Path(__file__).resolve().parent / "data" / "layouts"  # the shipped defaults
HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")
# Where each panel may go. front: `first` owns page 1 (band and foot panel),
# `top` is the band across page 1 with the questions below it (the cover's
# languages and organisations then join the back panel); back: `last` sits at
# the foot of the last page's single frame, `foot` spans the columns at the
# foot of the last page, itself set in the layout's columns.
PANEL_PLACES = {"front": ("first", "top"), "faq": ("inner",), "back": ("last", "foot")}
STYLES = ("body", "question", "title", "subtitle", "identity", "wordmark", "strapline", "contact", "footer")
COLOURS = ("paper", "text", "heading", "link", "band", "band_text", "rule", "fold_mark")
# Block colours (leaflet.typeset.blocks): callout boxes and their edge bars, table header and rules.
BLOCK_COLOURS = ("important", "important_edge", "safety", "safety_edge", "tip", "tip_edge", "table_header",
                 "table_rule")
# Which text colours are read on which background: WCAG 1.4.3 asks 4.5:1.
# The cover's foot panel and the back's contact panel; a layout without the key uses table_header's tint.
PANEL_COLOURS = ("panel", "panel_rule")
READ_ON = {"paper": ("text", "heading", "link"), "band": ("band_text",),
           **{bg: ("text", "heading", "link") for bg in ("important", "safety", "tip", "table_header", "panel")}}
MIN_CONTRAST = 4.5
MARKS = ("crop", "registration", "colour_bars")
# How the pages go on to A4 sheets for an office duplex printer (leaflet.impose):
# fold: two pages a side, folded in half and nested; roll-fold: three panels a
# side, folded twice and nested (a DL leaflet, six panels a sheet); duplex: one
# page a side, unfolded.
IMPOSITIONS = {"fold": (2, (297, 210)), "roll-fold": (3, (297, 210)), "duplex": (1, (210, 297))}
DEFAULT_LAYOUT = "a5-fold"  # its files keep the plain names; other layouts' names carry theirs


@dataclass(frozen=True)
class TextStyle:
    size: float
    leading: float  # line height as a multiple of size (at least the fonts' own height)
    bold: bool = False
    italic: bool = False
    space_before: float = 0.0  # in ems
    space_after: float = 0.0
    colour: str = "text"  # a key of Layout.colours

    def at(self, size: float) -> "TextStyle":
        return replace(self, size=size)


@dataclass(frozen=True)
class Press:
    """The press (PDF/X-4) form of a layout: bleed, safe margin, marks and process colours."""
    bleed: float = 3 * MM  # points past the trim that backgrounds run to
    safe: float = 5 * MM  # nothing that must survive trimming nearer the trim than this
    profile: str = "ISOcoated_v2_300_bas"  # icc/<profile>.icc, described in icc/profiles.yaml
    marks: tuple[str, ...] = ("crop",)  # of MARKS: which printer's marks go outside the bleed
    mark_offset: float = 3.5 * MM  # from the trim edge to where a crop mark starts (beyond the bleed)
    mark_length: float = 5 * MM
    mark_width: float = 0.25  # points
    # colour name -> (C, M, Y, K) in percent; a colour left out is converted by the profile
    cmyk: dict = field(default_factory=dict)
    lines: dict = field(default_factory=dict, compare=False)  # colour name / "profile" -> its line, for later errors

    @property
    def slug(self) -> float:
        """Room around the trim on the press sheet: the marks and a little air."""
        return self.mark_offset + self.mark_length + 2 * MM


@dataclass(frozen=True)
class Layout:
    name: str
    source: str
    width: float  # points
    height: float
    margin_top: float
    margin_bottom: float
    margin_inside: float
    margin_outside: float
    styles: dict  # name -> TextStyle (body size is the default size)
    body_minimum: float
    body_maximum: float  # a leaflet that had to grow by four pages uses the room for larger text
    body_step: float
    question_scale: float
    colours: dict  # name -> "#RRGGBB"
    band_height: float
    fold_mark_length: float
    fold_mark_width: float
    bilingual: str = "parallel"  # the default bilingual form for this layout
    press: Press = field(default_factory=Press)
    # How far backgrounds that touch the trim run past it when the pages are
    # drawn: 0 for screen and office print, the press bleed for press files.
    bleed: float = 0.0
    band_margin: float = 0.0  # white paper between the cover band and the page's edges
    foot_gap: float = 0.0  # the most room between the cover foot panel's languages and organisations
    title_rise: float = 0.0  # the share of the band's spare height set under its title block
    fold_mark_edge: float = 0.0  # fold marks start this far in from the sheet's edge
    text_floor: float = 0.0  # no text smaller than this (large print)
    imposition: str = "fold"  # a key of IMPOSITIONS
    page_start: int = 4  # the fewest pages; the leaflet grows by page_step up to page_most
    page_step: int = 4
    page_most: int = 48
    body_grown_maximum: float = 0.0  # the ceiling once the leaflet has grown (0: body_maximum)
    columns: int = 1  # text columns on the pages the questions flow over
    gutter: float = 0.0  # points between columns
    front_place: str = "first"  # of PANEL_PLACES["front"]
    back_place: str = "last"  # of PANEL_PLACES["back"]
    # The text frames' bottom when a page footer's line box (a Nastaliq line is
    # 2.5 em) rises above margin_bottom: set per edition by typeset.document.cover.
    footer_clear: float = 0.0

    @property
    def text_bottom(self) -> float:
        """The bottom of the text frames of pages with a footer: the footer below them."""
        return self.footer_clear if self.footer_clear > self.margin_bottom + 0.01 else self.margin_bottom

    @property
    def in_columns(self) -> bool:
        """Whether the column page engine (typeset.columns) sets this layout."""
        return self.columns > 1 or self.front_place != "first" or self.back_place != "last"

    def page_counts(self) -> list[int]:
        """The page counts autofit may try, fewest first."""
        if not self.page_step:
            return [self.page_start]
        return list(range(self.page_start, self.page_most + 1, self.page_step))

    @property
    def column_width(self) -> float:
        text = self.width - self.margin_inside - self.margin_outside
        return (text - (self.columns - 1) * self.gutter) / self.columns

    @property
    def file_tag(self) -> str:
        """'' for the default layout, else '.<name>' in the output files' names."""
        return "" if self.name == DEFAULT_LAYOUT else f".{self.name}"

    def style(self, name: str, body: float | None = None) -> TextStyle:
        """The named style; body-relative styles follow `body` when autofit shrinks it."""
        style = self.styles[name]
        if body is not None and name == "body":
            return style.at(body)
        if body is not None and name == "question":
            return style.at(round(body * self.question_scale, 2))
        return style

    def body_sizes(self, grown: bool = False) -> list[float]:
        """Body sizes autofit may try, largest first, never under the minimum.
        A grown leaflet (8 pages or more) starts from the maximum."""
        sizes, size = [], self.body_maximum if grown else self.styles["body"].size
        while size >= self.body_minimum - 1e-9:
            sizes.append(round(size, 2))
            size -= self.body_step
        return sizes


def load(name_or_path: str | Path, dirs: tuple[Path, ...] = (LAYOUTS,)) -> Layout:
    """A layout by path, or by name from the first of `dirs` that has it (a
    project passes its own layouts/ first, then the shipped ones)."""
    path = Path(name_or_path)
    if path.suffix not in (".yaml", ".yml"):
        path = next((d / f"{name_or_path}.yaml" for d in dirs if (d / f"{name_or_path}.yaml").is_file()), None)
        if path is None:
            known = ", ".join(sorted({p.stem for d in dirs for p in d.glob("*.yaml")}))
            raise LeafletError(f"unknown layout '{name_or_path}' (layouts: {known})")
    return from_node(source.load(path, display=_display(path)))


def from_node(root: Node) -> Layout:
    top = root.mapping(("name", "page", "panels", "type", "colours", "front", "print"), ("bilingual", "press", "columns"))
    page = top["page"].mapping(("width_mm", "height_mm", "margin_mm"), ("pages",))
    margins = page["margin_mm"].mapping(("top", "bottom", "inside", "outside"))
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", top["name"].text()):
        raise top["name"].error("a layout's name is lower-case letters, digits and '-' (it goes in file names)")
    panels = top["panels"].mapping(tuple(PANEL_PLACES))
    for key, allowed in PANEL_PLACES.items():
        if panels[key].text() not in allowed:
            raise panels[key].error(f"this layout engine places the {key} panel at: {', '.join(allowed)}")
    columns, gutter = _columns(top["columns"]) if "columns" in top else (1, 0.0)
    if columns > 1 and panels["back"].text() == "last":
        raise panels["back"].error("a layout with columns sets the back panel across their foot (back: foot)")

    colours = {}
    for key, node in top["colours"].mapping(COLOURS + BLOCK_COLOURS, PANEL_COLOURS).items():
        value = node.text()
        if not HEX.match(value):
            raise node.error(f"'{value}' is not a colour like #1A1A1A")
        colours[key] = value.upper()
    colours.setdefault("panel", colours["table_header"])
    colours.setdefault("panel_rule", colours["heading"])
    for bg, fgs in READ_ON.items():
        for fg in fgs:
            ratio = contrast(colours[fg], colours[bg])
            if ratio < MIN_CONTRAST:
                raise top["colours"].value.get(fg, top["colours"]).error(
                    f"{fg} {colours[fg]} on {bg} {colours[bg]} has contrast {ratio:.2f}:1, needs at least 4.5:1")

    type_nodes = top["type"].mapping(STYLES, ("floor",))
    styles, body_extra = {}, {}
    for name in STYLES:
        styles[name], extra = _style(type_nodes[name], name, colours)
        body_extra.update(extra)
    body = styles["body"]
    minimum, step = body_extra.get("minimum", body.size), body_extra.get("step", 0.5)
    maximum = body_extra.get("maximum", body.size)
    if not minimum <= body.size <= maximum or step <= 0:
        raise type_nodes["body"].error("needs minimum <= size <= maximum and a positive step")
    grown = body_extra.get("grown_maximum", maximum)
    if grown < maximum:
        raise type_nodes["body"].error("needs grown_maximum >= maximum (the ceiling once the leaflet has grown)")
    scale = body_extra.get("scale", 1.2)
    # A large-print layout says its floor (RNIB/UKAAF: 16 pt): no text, not even a page footer, below it.
    floor = type_nodes["floor"].number() if "floor" in type_nodes else 0.0
    for name in STYLES:
        size = {"body": minimum, "question": minimum * scale}.get(name, styles[name].size)
        if size < floor - 1e-9:
            raise type_nodes[name].error(f"{name} text at {size:g} pt is under this layout's floor of {floor:g} pt")
    styles["question"] = replace(styles["question"], size=round(body.size * scale, 2))

    front = top["front"].mapping(("band_height_mm", "band_margin_mm"), ("foot_gap_mm", "title_rise"))
    foot_gap = front["foot_gap_mm"].number() if "foot_gap_mm" in front else 0.0
    rise = front["title_rise"].number() if "title_rise" in front else 0.0
    if not 0 <= rise <= 1:
        raise front["title_rise"].error(f"{rise:g} is not a share of the band's spare height (0 to 1)")
    if foot_gap < 0:
        raise front["foot_gap_mm"].error("the foot panel's gap cannot be negative")
    fold = top["print"].mapping(("sheet", "fold_mark"), ("imposition",))
    if fold["sheet"].text() != "A4":
        raise fold["sheet"].error("only A4 sheets are supported for office printing")
    imposition = fold["imposition"].text() if "imposition" in fold else "fold"
    if imposition not in IMPOSITIONS:
        raise fold["imposition"].error(f"'{imposition}' is not an imposition ({', '.join(IMPOSITIONS)})")
    counts = _page_counts(page["pages"] if "pages" in page else None, imposition, fold.get("imposition", page))
    mark = fold["fold_mark"].mapping(("length_mm", "width_pt", "edge_mm"))
    layout = Layout(
        name=top["name"].text(), source=root.file,
        width=page["width_mm"].number() * MM, height=page["height_mm"].number() * MM,
        margin_top=margins["top"].number() * MM, margin_bottom=margins["bottom"].number() * MM,
        margin_inside=margins["inside"].number() * MM, margin_outside=margins["outside"].number() * MM,
        styles=styles, body_minimum=minimum, body_maximum=maximum, body_step=step, question_scale=scale, colours=colours,
        body_grown_maximum=grown,
        band_height=front["band_height_mm"].number() * MM,
        fold_mark_length=mark["length_mm"].number() * MM, fold_mark_width=mark["width_pt"].number(),
        bilingual=_bilingual(top["bilingual"]) if "bilingual" in top else "parallel",
        press=_press(top["press"], colours) if "press" in top else Press(),
        band_margin=front["band_margin_mm"].number() * MM, foot_gap=foot_gap * MM, title_rise=rise,
        fold_mark_edge=mark["edge_mm"].number() * MM,
        text_floor=floor, imposition=imposition, page_start=counts[0], page_step=counts[1], page_most=counts[2],
        columns=columns, gutter=gutter, front_place=panels["front"].text(), back_place=panels["back"].text(),
    )
    _check_geometry(layout, page, top["front"], type_nodes)
    if "columns" in top and layout.column_width < 40 * MM:
        raise top["columns"].error(f"{columns} columns leave {layout.column_width / MM:.0f} mm each: the engine "
                                   "needs at least 40 mm a column")
    edges = (layout.margin_top, layout.margin_bottom, layout.margin_inside, layout.margin_outside)
    if "press" in top and min(edges) < layout.press.safe:
        raise top["press"].error("the page margins must be at least the press safe margin (safe_mm)")
    return layout


def _columns(node: Node) -> tuple[int, float]:
    m = node.mapping(("count", "gutter_mm"))
    count, gutter = m["count"].number(), m["gutter_mm"].number()
    if count != int(count) or not 1 <= count <= 4:
        raise m["count"].error(f"{count:g} is not a column count (1 to 4)")
    if not 0 <= gutter <= 30:
        raise m["gutter_mm"].error(f"{gutter:g} mm is not a usable gutter (0 to 30 mm)")
    return int(count), gutter * MM


def _page_counts(node: Node | None, imposition: str, where: Node) -> tuple[int, int, int]:
    """(fewest, step, most) pages; a fold needs multiples of 4, a roll fold of 6 (whole sheets), duplex even counts."""
    default = {"fold": (4, 4, 48), "roll-fold": (6, 0, 6), "duplex": (4, 2, 48)}[imposition]
    if node is None:
        return default
    m = node.mapping((), ("start", "step", "most"))
    got = tuple(int(m[k].number()) if k in m else d for k, d in zip(("start", "step", "most"), default))
    start, step, most = got
    ok = {"fold": start % 4 == 0 and step % 4 == 0 and step > 0,
          "roll-fold": start % 6 == 0 and step % 6 == 0,
          "duplex": start % 2 == 0 and step % 2 == 0 and step > 0}[imposition]
    if not ok or start < 2 or (step and most < start) or most > 48:
        need = {"fold": "multiples of 4 (a folded sheet holds 4 pages)",
                "roll-fold": "multiples of 6 (a roll-folded sheet has six panels; step: 0 for one sheet)",
                "duplex": "even counts (each sheet has two sides)"}[imposition]
        raise node.error(f"pages {start}, step {step}, up to {most}: a {imposition} imposition needs {need}, "
                         "at most 48")
    return got


def _check_geometry(L: Layout, page: dict, front: Node, type_nodes: dict) -> None:
    """A layout that cannot work fails here, by its line, instead of printing clipped."""
    per_side, (sheet_w, sheet_h) = IMPOSITIONS[L.imposition]
    w, h = L.width / MM, L.height / MM
    if w * per_side > sheet_w + 0.01 or h > sheet_h + 0.01:
        raise page["width_mm" if w * per_side > sheet_w + 0.01 else "height_mm"].error(f"a {w:g} x {h:g} mm page does not fit the sheet: {per_side} a side need "
                         f"{w * per_side:g} x {h:g} mm, an A4 sheet for {L.imposition} is {sheet_w} x {sheet_h} mm")
    frame_w = (L.width - L.margin_inside - L.margin_outside) / MM
    frame_h = (L.height - L.margin_top - L.margin_bottom) / MM
    if frame_w < 40 or frame_h < 60:
        raise page["margin_mm"].error(f"the margins leave a {frame_w:.0f} x {frame_h:.0f} mm text frame: the engine needs "
                            "at least 40 x 60 mm to place a panel")
    band_bottom = L.height - L.band_height
    if not L.margin_top * 2 < L.band_height < L.height - L.margin_bottom - 30 * MM:
        raise front.error(f"a {L.band_height / MM:.0f} mm band leaves no room for the cover's title or its foot "
                          f"panel on a {h:g} mm page")
    if band_bottom < 0:
        raise front.error("the band is taller than the page")
    body = L.styles["body"].size
    if body * L.styles["body"].leading * 3 > frame_h * MM:
        raise type_nodes["body"].error(f"{body:g} pt body text does not fit three lines in a {frame_h:.0f} mm frame")


def _press(node: Node, colours: dict) -> Press:
    m = node.mapping((), ("bleed_mm", "safe_mm", "profile", "marks", "crop_marks", "cmyk"))
    mm = {}
    for key in ("bleed_mm", "safe_mm"):
        if key in m:
            if not 0 <= m[key].number() <= 20:
                raise m[key].error(f"{m[key].number():g} mm is not a usable {key[:-3]}")
            mm[key[:-3]] = m[key].number() * MM
    marks = ("crop",)
    if "marks" in m:
        if not isinstance(m["marks"].value, list):
            raise m["marks"].error(f"a list of printer's marks ({', '.join(MARKS)}), or []")
        marks = tuple(item.text() for item in m["marks"].value)
        for item, name in zip(m["marks"].value, marks):
            if name not in MARKS:
                raise item.error(f"'{name}' is not a printer's mark ({', '.join(MARKS)})")
    crop = {}
    if "crop_marks" in m:
        c = m["crop_marks"].mapping((), ("offset_mm", "length_mm", "width_pt"))
        for key, attr in (("offset_mm", "mark_offset"), ("length_mm", "mark_length")):
            if key in c:
                crop[attr] = c[key].number() * MM
        if "width_pt" in c:
            crop["mark_width"] = c["width_pt"].number()
    cmyk, lines = {}, {}
    if "cmyk" in m:
        for name, value in m["cmyk"].mapping((), tuple(colours)).items():
            parts = value.value if isinstance(value.value, list) else None
            if parts is None or len(parts) != 4 or not all(
                    isinstance(p.value, (int, float)) and not isinstance(p.value, bool) and 0 <= p.value <= 100
                    for p in parts):
                raise value.error(f"{name}: a process colour is [C, M, Y, K], each 0 to 100 (percent)")
            cmyk[name] = tuple(float(p.value) for p in parts)
            lines[name] = value.line
    if "profile" in m:
        lines["profile"] = m["profile"].line
    press = Press(profile=m["profile"].text() if "profile" in m else Press.profile, marks=marks, cmyk=cmyk,
                  lines=lines, **mm, **crop)
    if press.mark_offset < press.bleed:
        raise m.get("crop_marks", node).error("crop marks must start outside the bleed (offset_mm >= bleed_mm)")
    return press


def _bilingual(node: Node) -> str:
    mode = node.text()
    if mode not in ("parallel", "blocks", "flip"):
        raise node.error(f"'{mode}' is not a bilingual form (parallel, blocks, flip)")
    return mode


def _style(node: Node, name: str, colours: dict) -> tuple[TextStyle, dict]:
    relative = name == "question"
    required = ("leading",) + (() if relative else ("size",))
    extra_keys = {"body": ("minimum", "maximum", "step", "grown_maximum"), "question": ("scale",)}.get(name, ())
    m = node.mapping(required, ("bold", "italic", "space_before", "space_after", "colour") + extra_keys)
    extra = {k: m[k].number() for k in extra_keys if k in m}
    colour = m["colour"].text() if "colour" in m else "text"
    if colour not in colours:
        raise m["colour"].error(f"unknown colour '{colour}' (colours: {', '.join(colours)})")
    flags = {}
    for key in ("bold", "italic"):
        if key in m:
            if not isinstance(m[key].value, bool):
                raise m[key].error("must be true or false")
            flags[key] = m[key].value
    size = 0.0 if relative else m["size"].number()
    if not relative and not 4 <= size <= 96:
        raise m["size"].error(f"{size:g} pt is not a usable type size")
    return TextStyle(size=size, leading=m["leading"].number(), colour=colour,
                     space_before=m["space_before"].number() if "space_before" in m else 0.0,
                     space_after=m["space_after"].number() if "space_after" in m else 0.0, **flags), extra


def luminance(hex_colour: str) -> float:
    def channel(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
