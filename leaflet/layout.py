"""Layouts as data: `layouts/<name>.yaml` -> an immutable Layout, contrast-checked."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from . import source
from .errors import LeafletError
from .source import Node

MM = 72 / 25.4
LAYOUTS = Path(__file__).resolve().parent.parent / "layouts"
HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")
PANEL_PLACES = {"front": "first", "faq": "inner", "back": "last"}
STYLES = ("body", "question", "title", "subtitle", "identity", "wordmark", "strapline", "contact", "footer")
COLOURS = ("paper", "text", "heading", "link", "band", "band_text", "rule", "fold_mark")
# Block colours (leaflet.typeset.blocks): callout boxes and their edge bars, table header and rules.
BLOCK_COLOURS = ("important", "important_edge", "safety", "safety_edge", "tip", "tip_edge", "table_header",
                 "table_rule")
# Which text colours are read on which background: WCAG 1.4.3 asks 4.5:1.
READ_ON = {"paper": ("text", "heading", "link"), "band": ("band_text",),
           **{bg: ("text", "heading", "link") for bg in ("important", "safety", "tip", "table_header")}}
MIN_CONTRAST = 4.5


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


def load(name_or_path: str | Path) -> Layout:
    path = Path(name_or_path)
    if path.suffix not in (".yaml", ".yml"):
        path = LAYOUTS / f"{name_or_path}.yaml"
        if not path.exists():
            known = ", ".join(sorted(p.stem for p in LAYOUTS.glob("*.yaml")))
            raise LeafletError(f"unknown layout '{name_or_path}' (layouts: {known})")
    return from_node(source.load(path, display=_display(path)))


def from_node(root: Node) -> Layout:
    top = root.mapping(("name", "page", "panels", "type", "colours", "front", "print"), ("bilingual",))
    page = top["page"].mapping(("width_mm", "height_mm", "margin_mm"))
    margins = page["margin_mm"].mapping(("top", "bottom", "inside", "outside"))
    panels = top["panels"].mapping(tuple(PANEL_PLACES))
    for key, want in PANEL_PLACES.items():
        if panels[key].text() != want:
            raise panels[key].error(f"this layout engine places the {key} panel on the '{want}' page")

    colours = {}
    for key, node in top["colours"].mapping(COLOURS + BLOCK_COLOURS).items():
        value = node.text()
        if not HEX.match(value):
            raise node.error(f"'{value}' is not a colour like #1A1A1A")
        colours[key] = value.upper()
    for bg, fgs in READ_ON.items():
        for fg in fgs:
            ratio = contrast(colours[fg], colours[bg])
            if ratio < MIN_CONTRAST:
                raise top["colours"].value[fg].error(
                    f"{fg} {colours[fg]} on {bg} {colours[bg]} has contrast {ratio:.2f}:1, needs at least 4.5:1")

    type_nodes = top["type"].mapping(STYLES)
    styles, body_extra = {}, {}
    for name in STYLES:
        styles[name], extra = _style(type_nodes[name], name, colours)
        body_extra.update(extra)
    body = styles["body"]
    minimum, step = body_extra.get("minimum", body.size), body_extra.get("step", 0.5)
    maximum = body_extra.get("maximum", body.size)
    if not minimum <= body.size <= maximum or step <= 0:
        raise type_nodes["body"].error("needs minimum <= size <= maximum and a positive step")
    scale = body_extra.get("scale", 1.2)
    styles["question"] = replace(styles["question"], size=round(body.size * scale, 2))

    front = top["front"].mapping(("band_height_mm",))
    fold = top["print"].mapping(("sheet", "fold_mark"))
    if fold["sheet"].text() != "A4":
        raise fold["sheet"].error("only A4 sheets are supported for office printing")
    mark = fold["fold_mark"].mapping(("length_mm", "width_pt"))
    return Layout(
        name=top["name"].text(), source=root.file,
        width=page["width_mm"].number() * MM, height=page["height_mm"].number() * MM,
        margin_top=margins["top"].number() * MM, margin_bottom=margins["bottom"].number() * MM,
        margin_inside=margins["inside"].number() * MM, margin_outside=margins["outside"].number() * MM,
        styles=styles, body_minimum=minimum, body_maximum=maximum, body_step=step, question_scale=scale, colours=colours,
        band_height=front["band_height_mm"].number() * MM,
        fold_mark_length=mark["length_mm"].number() * MM, fold_mark_width=mark["width_pt"].number(),
        bilingual=_bilingual(top["bilingual"]) if "bilingual" in top else "parallel",
    )


def _bilingual(node: Node) -> str:
    mode = node.text()
    if mode not in ("parallel", "blocks", "flip"):
        raise node.error(f"'{mode}' is not a bilingual form (parallel, blocks, flip)")
    return mode


def _style(node: Node, name: str, colours: dict) -> tuple[TextStyle, dict]:
    relative = name == "question"
    required = ("leading",) + (() if relative else ("size",))
    extra_keys = {"body": ("minimum", "maximum", "step"), "question": ("scale",)}.get(name, ())
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
