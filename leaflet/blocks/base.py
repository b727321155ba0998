"""What every block type shares: the translatable `Block`, the maker that
checks its text, and field reading that reports mistakes as authors need them
(all missing keys at once, the allowed keys for an unknown one)."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .. import markup, prose
from ..errors import LeafletError
from ..source import Node, join

ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class Block:
    """One translatable piece of text. `id` is stable: catalogs key on it."""

    id: str
    text: str  # English source, with inline markup
    line: int
    note: str  # what the block is, for translators
    spans: tuple[markup.Span, ...]
    # Where a translation came from (catalog file, line): a fault in the text
    # (a character no font has) is reported there, not at the English YAML line.
    origin: tuple[str, int] | None = None

    def with_text(self, text: str, spans: tuple[markup.Span, ...],
                  origin: tuple[str, int] | None = None) -> "Block":
        return replace(self, text=text, spans=spans, origin=origin)


class Problems(LeafletError):
    """Several mistakes found in one run: one `file:line: what is wrong` line each."""

    def __init__(self, errors: list[LeafletError]):
        super().__init__(errors[0].message, errors[0].file, errors[0].line)
        self.errors = errors

    def __str__(self) -> str:
        # The command line prints "error: " before the first; each line gets its own.
        return "\nerror: ".join(LeafletError.__str__(e) for e in self.errors)


class TooMuch(LeafletError):
    """The leaflet passes a size limit: reading on would report it for every block after."""


def collect(errors: list[LeafletError], exc: LeafletError) -> None:
    if isinstance(exc, TooMuch):
        raise exc
    errors.extend(exc.errors if isinstance(exc, Problems) else [exc])


def raise_all(errors: list[LeafletError]) -> None:
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise Problems(errors)


# Words authors reach for, and the key that does it (the testers tried these).
SYNONYMS = {
    "bullets": ("list",), "items": ("list",), "bulleted": ("list",), "ul": ("list",),
    "steps": ("numbered",), "ordered": ("numbered",), "ol": ("numbered",), "numbers": ("numbered",),
    "box": ("callout",), "note": ("callout",), "warning": ("callout",), "alert": ("callout",),
    "image": ("figure",), "picture": ("figure",), "img": ("figure",), "photo": ("figure",),
    "qrcode": ("qr",), "qr_code": ("qr",), "grid": ("table",), "paragraph": ("text",), "body": ("text",),
    "phone": ("telephone",), "tel": ("telephone",), "mobile": ("telephone", "sms"), "text_phone": ("textphone",),
    "minicom": ("textphone",), "free_phone": ("freephone",), "emergency": ("out_of_hours",),
    "department": ("team",), "service": ("team",), "job": ("role",), "title": ("role",),
    "url": ("website", "url"), "web": ("website",), "e-mail": ("email",), "mail": ("email",),
    "opening_hours": ("hours",), "times": ("hours",), "open": ("opens",), "close": ("closes",),
    "image_alt": ("alt",), "alt_text": ("alt",), "description": ("alt",),
}


def fields(node: Node, required: tuple[str, ...] = (), optional: tuple[str, ...] = (),
           errors: list[LeafletError] | None = None) -> dict[str, Node]:
    """The mapping at `node`, checked: an unknown key names the keys allowed
    there; every missing required key is reported, each on its own line.
    With `errors`, mistakes are added to it and the mapping returned anyway."""
    if not isinstance(node.value, dict):
        raise node.error(f"must be a mapping of keys ({', '.join(required + optional)}), "
                         f"got {describe(node)}")
    allowed = required + optional
    found: list[LeafletError] = []
    suggested = set()
    for key, child in node.value.items():
        if key not in allowed:
            import difflib  # only for a mistake's hint
            hint = difflib.get_close_matches(key, allowed, n=1, cutoff=0.75) or \
                [a for a in SYNONYMS.get(key.lower(), ()) if a in allowed][:1]
            more = f"; did you mean '{hint[0]}'?" if hint else ""
            suggested.update(hint)
            found.append(LeafletError(f"{join(node.path, key)}: unknown key '{key}' (allowed here: "
                                      f"{', '.join(allowed)}){more}", node.file, child.line))
    for key in required:
        if key not in node.value and key not in suggested:  # a misspelling is reported once, where it is
            found.append(node.error(f"missing required key '{key}'"))
    if errors is not None:
        errors.extend(found)
    else:
        raise_all(found)
    return node.value


def describe(node: Node) -> str:
    """A value as an author wrote it, never Python's representation of it."""
    from ..source import kind

    value = node.value
    if isinstance(value, (list, dict)):
        return kind(value)
    return f"{kind(value)} '{value}'" if value is not None else "nothing"


def ident(node: Node) -> str:
    if not isinstance(node.value, str) or not ID.match(node.value):
        raise node.error(f"{describe(node)} is not a valid id (lower-case letters, digits and '-', "
                         "e.g. who-we-are)")
    return node.value


def text(node: Node) -> str:
    if not isinstance(node.value, str):
        raise node.error(f"must be text, got {describe(node)}")
    if not node.value.strip():
        raise node.error("must not be empty")
    return node.value.strip()


def items(node: Node, what: str = "items") -> list[Node]:
    if not isinstance(node.value, list):
        raise node.error(f"must be a list of {what} (lines starting with '- '), got {describe(node)}")
    if not node.value:
        raise node.error(f"must not be empty: give at least one of the {what}")
    return node.value


DATA_HINT = {
    "phone": "put the number in a contact (e.g. `telephone: {value}` under contacts, with an id such as duty) "
             "and write {{duty.telephone}} here",
    "email": "put the address in a contact (e.g. `email: {value}` under contacts, with an id such as duty) "
             "and write {{duty.email}} here",
    "url": "put the address in a contact's `website` and write {{duty.website}} here, or link words to it: "
           "[the council's website](https://...)",
}


class Maker:
    """Makes blocks, refusing a duplicate id and contact data typed into prose.
    `references` are the `{contact.field}` names the leaflet defines."""

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}
        self.references: list[tuple[Node, str]] = []  # checked once the contacts are known
        self.total = 0  # characters so far: a leaflet's text is bounded too (prose.MAX_TEXT)

    def make(self, node: Node, block_id: str, note: str, id_node: Node | None = None) -> Block:
        raw = text(node)
        _refuse_typed_structure(node, raw)
        value = " ".join(raw.split())
        if block_id in self.seen:
            raise (id_node or node).error(f"duplicate id '{block_id}' (first on line {self.seen[block_id]})")
        self.seen[block_id] = node.line
        try:
            spans = markup.parse(value)
        except markup.MarkupError as exc:
            raise node.error(str(exc)) from None
        self.total += len(value)
        if bad := prose.problem(value, spans):
            raise node.error(bad)
        if bad := prose.total_problem(self.total, len(self.seen)):
            found = node.error(bad)
            raise TooMuch(found.message, found.file, found.line)
        for span in spans:
            if span.is_data:
                raise node.error(f"contact data '{span.text}' cannot be typed into text: "
                                 + DATA_HINT[span.kind].format(value=span.text))
            if span.href and span.href.startswith(("tel:", "mailto:")):
                kind = "phone" if span.href.startswith("tel:") else "email"
                value = span.href.split(":", 1)[1]
                raise node.error(f"a {kind} link '[{span.text}]({span.href})' cannot be typed into text: "
                                 + DATA_HINT[kind].format(value=value))
            if span.kind == "ref":
                self.references.append((node, span.text))
        refs = [s.text for s in spans if s.kind == "ref"]
        if refs:
            note += (" Keep " + ", ".join(refs) + " exactly as written: it prints the contact's details, "
                     "which are not translated.")
        return Block(block_id, value, node.line, note, spans)


TYPED_LIST = re.compile(r"(?:^|\n)\s*(?:[-*\u2022]|\d+[.)])\s+\S[^\n]*\n\s*(?:[-*\u2022]|\d+[.)])\s+\S")


# The same after YAML folded it (`>-` joins lines with spaces): "Bring: - a letter - your ID", "...: 1. a 2. b"
FOLDED_LIST = re.compile(r":\s+(?:[-*]\s+\S.*\s[-*]\s+\S|1[.)]\s+\S.*\s2[.)]\s+\S)")


def _refuse_typed_structure(node: Node, raw: str) -> None:
    """A list or table typed into text would print as one run-on paragraph."""
    if raw.count("\u2022") >= 2 or TYPED_LIST.search(raw) or FOLDED_LIST.search(raw):
        raise node.error("this text looks like a list typed line by line, which would print as one run-on "
                         "paragraph; make it a block with `list:` (or `numbered:`) and one item per line")
    if raw.count(" | ") >= 2 or raw.count("|") >= 3:
        raise node.error("this text looks like a table typed with '|'; make it a block with `table:` "
                         "(header and rows)")
