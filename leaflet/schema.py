"""The JSON Schema of content files, for editors (yaml-language-server) and
for anyone checking a file before a build. Made from the same constants the
loader checks against, so the two cannot drift apart; the loader remains the
judge (it also checks what a schema cannot: files exist, references resolve)."""
from __future__ import annotations

import json

from . import contacts
from .blocks import callout, qr, table
from .blocks.figure import FORMATS

URL = r"^https://([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,}(/[^\s<>\"]*)?$"
ID = r"^[a-z0-9][a-z0-9-]*$"


def _anycase(word: str) -> str:
    """`png` -> `[pP][nN][gG]`: patterns are ECMA-262 (editors), which has no inline (?i)."""
    return "".join(f"[{c.lower()}{c.upper()}]" for c in word)


def _text(description: str) -> dict:
    return {"type": "string", "minLength": 1, "description": description}


def _object(required: list[str], properties: dict, description: str = "") -> dict:
    out = {"type": "object", "required": required, "properties": properties, "additionalProperties": False}
    if description:
        out["description"] = description
    return out


ID_PROP = {"type": "string", "pattern": ID, "description": "A stable name (lower-case letters, digits, '-'): "
           "translations are keyed on it, so keep it when the text changes."}


def schema() -> dict:
    item = {"oneOf": [_text("A list item (inline markup allowed)."),
                      _object(["text"], {"text": _text("The item's text."), "id": ID_PROP,
                                         "items": {"$ref": "#/$defs/nestedItems"}})]}
    nested = {"oneOf": [_text("A nested list item."), _object(["text"], {"text": _text("The item's text."),
                                                                         "id": ID_PROP})]}
    defs = {
        "markup": _text("Text with inline markup: **bold**, *emphasis*, [words](https://...), and references "
                        "to contact data such as {duty.telephone}."),
        "listItems": {"type": "array", "minItems": 1, "items": item},
        "nestedItems": {"type": "array", "minItems": 1, "items": nested},
        "paragraph": _object(["id", "text"], {"id": ID_PROP, "text": {"$ref": "#/$defs/markup"},
                                              "note": _text("A note for translators and reviewers (e.g. a known "
                                                            "typo kept from the original).")}, "A paragraph."),
        "list": _object(["id", "list"], {"id": ID_PROP, "list": {"$ref": "#/$defs/listItems"}},
                        "A bulleted list; an item may have `items:`, a nested list (one level)."),
        "numbered": _object(["id", "numbered"], {"id": ID_PROP, "numbered": {"$ref": "#/$defs/listItems"}},
                            "A numbered list, numbered in each edition's numbering system."),
        "callout": _object(["id", "callout", "text"], {
            "id": ID_PROP, "callout": {"enum": list(callout.KINDS), "description": "The kind of box."},
            "title": _text("An optional title, set in bold."),
            "text": {"oneOf": [{"$ref": "#/$defs/markup"}, {"type": "array", "minItems": 1,
                                                            "items": {"$ref": "#/$defs/markup"}}]}},
            "A boxed passage: important, safety or tip."),
        "table": _object(["id", "table"], {"id": ID_PROP, "table": _object(["header", "rows"], {
            "header": {"type": "array", "minItems": 2, "maxItems": table.MAX_COLUMNS,
                       "items": {"$ref": "#/$defs/markup"}, "description": "Column headings."},
            "rows": {"type": "array", "minItems": 1, "items": {"type": "array", "minItems": 2,
                                                                "maxItems": table.MAX_COLUMNS,
                                                                "items": {"$ref": "#/$defs/markup"}}}})},
            "A simple table: a header row and 2-4 columns of text."),
        "figure": {**_object(["id", "figure"], {
            "id": ID_PROP,
            "figure": {"type": "string", "pattern": r"\.(" + "|".join(_anycase(f[1:]) for f in FORMATS) + ")$",
                       "description": "Image file (PNG, JPEG, SVG), relative to the content file."},
            "alt": _text("What the image shows, read aloud by screen readers."),
            "decorative": {"type": "boolean", "description": "true: the image carries no information."},
            "caption": _text("A caption under the image."),
            "width_mm": {"type": "number", "minimum": 10, "maximum": 300}}, "An image."),
            "anyOf": [{"required": ["alt"]}, {"required": ["decorative"], "properties": {"decorative": {"const": True}}}]},
        "qr": _object(["id", "qr"], {
            "id": ID_PROP, "qr": {"type": "string", "pattern": URL, "description": "The https:// address."},
            "caption": _text("Words beside the code, above the printed address."),
            "size_mm": {"type": "number", "minimum": qr.MIN_MM, "maximum": 60}},
            "A QR code for a web address, printed beside it."),
        "block": {"oneOf": [{"$ref": f"#/$defs/{k}"} for k in
                            ("paragraph", "list", "numbered", "callout", "table", "figure", "qr")]},
        "body": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/block"}},
        "bodyOrText": {"oneOf": [{"$ref": "#/$defs/markup"}, {"$ref": "#/$defs/body"}]},
        "phone": {"type": "string", "pattern": r"^(\+44 ?(\(0\))? ?|0)\d{2,4}([ -]?\d{3,4}){1,2}$|^18001 ",
                  "description": "A UK number as printed, e.g. 020 8547 6111."},
        "time": {"oneOf": [{"type": "string", "pattern": r"^([01]?\d|2[0-3]):[0-5]\d$|"
                                                          r"^(1[0-2]|0?[1-9])([:.][0-5]\d)?\s*[aApP]\.?[mM]\.?$"},
                           {"type": "integer"}],
                 "description": "A time: \"09:00\" (in quotes), 9am or 5.30pm."},
        "contact": _object(["id"], {
            "id": {**ID_PROP, "description": "The name text uses to refer to this contact: {id.telephone}."},
            "name": _text("A person's or service's name (not translated)."),
            "role": _text("Job title (translated)."), "team": _text("Service or team (translated)."),
            "address": {"oneOf": [_text("One address line."), {"type": "array", "minItems": 1,
                                                                "items": {"type": "string", "minLength": 1}}]},
            "postcode": {"type": "string", "pattern": r"^[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}$"},
            **{k: {"$ref": "#/$defs/phone"} for k in contacts.PHONES},
            "email": {"type": "string", "format": "email"},
            "website": {"type": "string", "pattern": URL},
            "hours": {"type": "array", "minItems": 1, "items": _object(["days", "opens", "closes"], {
                "days": {"oneOf": [{"type": "string", "description": "monday-friday, Mon to Thurs, or monday, wednesday"},
                                   {"type": "array", "items": {"type": "string"}}]},
                "opens": {"$ref": "#/$defs/time"}, "closes": {"$ref": "#/$defs/time"}})}},
            "A contact: every field optional; printed on the back page."),
        "further": _object(["text", "url"], {"id": ID_PROP, "text": {"$ref": "#/$defs/markup"},
                                             "url": {"type": "string", "pattern": URL}}),
    }
    front = _object(["title", "subtitle"], {
        "title": _text("Title on the cover; under 40 characters."),
        "subtitle": _text("Subtitle under the title."),
        "text": {"$ref": "#/$defs/bodyOrText"},
        "wordmarks": {"type": "array", "minItems": 1, "items": _object(["id", "name"], {
            "id": ID_PROP, "name": _text("Organisation name, set as a brand (not translated)."),
            "strapline": _text("A line under the name."),
            "logo": {"type": "string", "pattern": r"\.(" + "|".join(_anycase(f) for f in ("png", "jpg", "jpeg")) + ")$"},
            "alt": _text("What the logo says (needed with a logo)."),
            "height_mm": {"type": "number", "minimum": 5, "maximum": 60,
                          "description": "The logo's height (default 16 mm)."}})}})
    section = _object(["id", "question", "answer"], {
        "id": ID_PROP, "question": _text("The question, set as a heading."), "answer": {"$ref": "#/$defs/body"}})
    back = _object([], {
        "intro": {"$ref": "#/$defs/bodyOrText"},
        "contacts": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/contact"}},
        "further_reading": {"oneOf": [{"$ref": "#/$defs/further"},
                                      {"type": "array", "minItems": 1,
                                       "items": {**defs["further"], "required": ["id", "text", "url"]}}]}})
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Leaflet content file",
        "description": "One folded information leaflet: see docs/writing-leaflets.md.",
        **_object(["id", "organisation", "front", "sections"], {
            "id": {**ID_PROP, "description": "The leaflet's name: its file names and catalogs use it."},
            "language": {"type": "string", "pattern": r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$", "default": "en-GB"},
            "layout": {"type": "string", "pattern": ID, "default": "a5-fold"},
            "organisation": _text("Who publishes the leaflet (PDF author)."),
            "subject": _text("One sentence: what the leaflet is about (PDF subject)."),
            "updated": {"type": "string", "format": "date", "description": "Date of this version, 2026-11-30."},
            "front": front, "sections": {"type": "array", "minItems": 1, "items": section}, "back": back}),
        "$defs": defs,
    }


def text() -> str:
    return json.dumps(schema(), indent=2, ensure_ascii=False) + "\n"
