"""The inline markup leaflet text may use, parsed into spans.

Allowed: `**bold**`, `*emphasis*`, `[text](https://... | mailto:... | tel:...)`
`{contact.field}` (a reference to a contact's data, e.g. `{duty.telephone}`),
and a backslash to make the next character literal. E-mail addresses, phone
numbers and web addresses in running text become links. Every other character
is literal text: `<img src=...>` prints as itself and never reaches a markup
interpreter (nothing downstream interprets markup; the text engine draws glyphs).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

SAFE_SCHEMES = ("https://", "http://", "mailto:", "tel:")

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# UK numbers as leaflets print them: 020 8547 6111, 0800 123 4567, +44 20 8547 6111.
PHONE = re.compile(r"(?<![\w+])(?:\+44 ?(?:\(0\))? ?|0)\d{2,4}(?:[ -]?\d{3,4}){1,2}(?![\w-])")
URL = re.compile(r"(?:https?://|www\.)[^\s<>\"“”]+[^\s<>\"“”.,;:!?)\]’”']")
# A reference to a contact's data, resolved when the leaflet is set.
REF = re.compile(r"\{([a-z0-9][a-z0-9-]*)\.([a-z_]+)\}")
# Anything that looks like contact data, for the translation checks.
DATA = re.compile("|".join(f"(?:{p.pattern})" for p in (EMAIL, URL, PHONE)))
PLAIN = re.compile(r"[^\\*{\[]+")  # characters that start no markup


class MarkupError(ValueError):
    """Malformed inline markup; `column` is 1-based within the text."""

    def __init__(self, message: str, column: int):
        super().__init__(f"{message} (column {column})")
        self.column = column


@dataclass(frozen=True)
class Span:
    """A run of literal text with one set of inline attributes.

    `kind` is "text", or "email"/"phone"/"url" for contact data, which is
    kept on one line (URLs may break after '/') and always reads left to right,
    or "ref" for a `{contact.field}` reference not yet resolved.
    """

    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None
    kind: str = "text"
    lang: str | None = None  # a run left in another language, e.g. an English title in a translation

    @property
    def is_data(self) -> bool:
        return self.kind not in ("text", "ref")


def plain(spans: tuple[Span, ...]) -> str:
    return "".join(s.text for s in spans)


def parse(text: str, autolink: bool = True) -> tuple[Span, ...]:
    """Parse inline markup into spans. Raises MarkupError on unbalanced markers."""
    spans: list[Span] = []
    buf: list[str] = []
    bold = italic = False
    opened = {"bold": 0, "italic": 0}
    i, n = 0, len(text)

    def flush() -> None:
        if buf:
            spans.extend(_autolink("".join(buf), bold, italic) if autolink else
                         [Span("".join(buf), bold, italic)])
            buf.clear()

    while i < n:
        ch = text[i]
        if ch == "\\" and i + 1 < n:
            buf.append(text[i + 1])
            i += 2
        elif text.startswith("**", i):
            flush()
            bold = not bold
            opened["bold"] = i + 1
            i += 2
        elif ch == "*":
            flush()
            italic = not italic
            opened["italic"] = i + 1
            i += 1
        elif ch == "{" and REF.match(text, i):
            ref = REF.match(text, i)
            flush()
            spans.append(Span(ref.group(0), bold, italic, None, "ref"))
            i = ref.end()
        elif ch == "[":
            close = _find_unescaped(text, "](", i + 1)
            end = text.find(")", close + 2) if close >= 0 else -1
            if close < 0 or end < 0:
                raise MarkupError("'[' starts a link but no '](address)' follows", i + 1)
            label, href = text[i + 1:close], text[close + 2:end].strip()
            if not href.startswith(SAFE_SCHEMES):
                raise MarkupError(f"link address must start with https://, mailto: or tel:, got '{href}'", close + 3)
            if not label.strip():
                raise MarkupError("link text is empty", i + 1)
            flush()
            spans.append(Span(_unescape(label), bold, italic, href, "text"))
            i = end + 1
        else:
            plain_run = PLAIN.match(text, i)  # the text up to the next marker, at once
            buf.append(plain_run.group() if plain_run else ch)
            i = plain_run.end() if plain_run else i + 1
    flush()
    if bold:
        raise MarkupError("'**' opened here is never closed", opened["bold"])
    if italic:
        raise MarkupError("'*' opened here is never closed", opened["italic"])
    return tuple(_merge(spans))


def structure(spans: tuple[Span, ...]) -> tuple[tuple[str, ...], ...]:
    """What a translation must keep: the sequence of styled/linked spans
    (attributes only) and the link targets. Plain text spans are not listed."""
    out = []
    for s in spans:
        attrs = tuple(a for a, on in (("bold", s.bold), ("italic", s.italic)) if on)
        if s.href or attrs:
            out.append(attrs + ((f"link:{s.href}",) if s.href else ()))
    return tuple(out)


def _find_unescaped(text: str, needle: str, start: int) -> int:
    j = text.find(needle, start)
    while j > 0 and text[j - 1] == "\\":
        j = text.find(needle, j + 1)
    return j


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def _autolink(text: str, bold: bool, italic: bool) -> list[Span]:
    out: list[Span] = []
    pos = 0
    for m in _data_matches(text):
        if m.start() > pos:
            out.append(Span(text[pos:m.start()], bold, italic))
        value, kind = m.group(0), m.lastgroup
        out.append(Span(value, bold, italic, href_for(kind, value), kind))
        pos = m.end()
    if pos < len(text):
        out.append(Span(text[pos:], bold, italic))
    return out


_TAGGED = re.compile(f"(?P<email>{EMAIL.pattern})|(?P<url>{URL.pattern})|(?P<phone>{PHONE.pattern})")


def _data_matches(text: str):
    return _TAGGED.finditer(text)


def href_for(kind: str, value: str) -> str:
    if kind == "email":
        return "mailto:" + value
    if kind == "phone":
        digits = re.sub(r"[^\d+]", "", value)
        if digits.startswith("0"):
            digits = "+44" + digits[1:]
        return "tel:" + digits
    if kind == "url":
        return value if value.startswith(("http://", "https://")) else "https://" + value
    raise ValueError(kind)


def _merge(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for s in spans:
        if not s.text:
            continue
        if out and s.kind == "text" and out[-1].kind == "text" and (out[-1].bold, out[-1].italic, out[-1].href) == (
                s.bold, s.italic, s.href):
            out[-1] = Span(out[-1].text + s.text, s.bold, s.italic, s.href)
        else:
            out.append(s)
    return out


def address_of(href: str) -> str:
    """A link's address as printed: www.example.org/page, name@example.org, 020 8547 6111."""
    if href.startswith("mailto:"):
        return href[len("mailto:"):]
    if href.startswith("tel:"):
        number = href[len("tel:"):]
        return "0" + number[3:] if number.startswith("+44") else number
    return re.sub(r"^https?://", "", href).rstrip("/")


def for_print(spans: tuple[Span, ...]) -> tuple[Span, ...]:
    """Spans for paper: after a link whose text is not its address, the address
    in brackets (a family cannot click a page)."""
    out: list[Span] = []
    for n, s in enumerate(spans):
        out.append(s)
        last_of_link = s.href and (n + 1 == len(spans) or spans[n + 1].href != s.href)
        if last_of_link and s.kind == "text":
            address = address_of(s.href)
            if address.replace(" ", "") not in s.text.replace(" ", ""):
                kind = "email" if s.href.startswith("mailto:") else "phone" if s.href.startswith("tel:") else "url"
                out += [Span(" (", s.bold, s.italic), Span(address, s.bold, s.italic, s.href, kind),
                        Span(")", s.bold, s.italic)]
    return tuple(out)


def has_text_links(spans: tuple[Span, ...]) -> bool:
    return for_print(spans) != spans
