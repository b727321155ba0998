"""Strict reading of .po files that come back from translators.

Babel's `read_po` silently truncates an unterminated string and drops a
duplicate; polib truncates too. A catalog is untrusted input, so this reader
refuses, with `file:line: what is wrong`, whatever makes a file ambiguous (an
unterminated string, a truncated entry, a duplicate msgctxt+msgid, bytes that
do not decode in the declared charset), and accepts the rest of what GNU
gettext accepts: entries with no blank line between them, comment-only blocks,
indented lines, CR or CRLF line endings, any charset Python can decode.
Writing is `powrite` (byte for byte what msgcat writes).
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import LeafletError

MAX_BYTES = 2_000_000
ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", '"': '"', "a": "\a", "b": "\b", "f": "\f", "v": "\v"}
KEYWORD = re.compile(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s*(?=")')
SIMPLE_STRING = re.compile(r'"([^"\\]*)"[ \t]*')  # one quoted string without escapes
CHARSET = re.compile(rb'"Content-Type:[^"\n]*?charset=([^"\\\s;]+)')


@dataclass(frozen=True)
class Entry:
    msgid: str
    msgstr: str
    context: str | None = None
    line: int = 0
    flags: tuple[str, ...] = ()  # in the file's order; "fuzzy" among them
    previous: str | None = None  # `#| msgid`: the English this translation was made for
    auto_comments: tuple[str, ...] = ()
    comments: tuple[str, ...] = ()  # translator comments (`# ...`)
    locations: tuple[str, ...] = ()
    obsolete: bool = False
    plural: str | None = None
    plural_strs: tuple[str, ...] = ()
    previous_context: str | None = None  # `#| msgctxt`
    previous_plural: str | None = None

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def key(self) -> str:
        """Catalogs key on msgctxt (the block id), or msgid where there is none (the labels)."""
        return self.context if self.context is not None else self.msgid


@dataclass(frozen=True)
class PoFile:
    path: str
    header: dict
    entries: tuple[Entry, ...]
    header_comments: tuple[str, ...] = field(default=())
    header_entry: Entry | None = None  # as read, for writing the header back unchanged

    def active(self) -> list[Entry]:
        return [e for e in self.entries if not e.obsolete]


def read(path: Path | str, display: str | None = None) -> PoFile:
    name = display or str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise LeafletError(f"cannot read file: {exc.strerror}", name) from None
    return parse(data, name)


def parse(data: bytes, name: str) -> PoFile:
    if len(data) > MAX_BYTES:
        raise LeafletError(f"catalog is {len(data)} bytes, over the {MAX_BYTES} byte limit", name)
    text = _decode(data, name)
    if text.startswith("\ufeff"):
        text = text[1:]
    return _Parser(name).parse(text.replace("\r\n", "\n").replace("\r", "\n"))


def _decode(data: bytes, name: str) -> str:
    found = CHARSET.search(data)
    charset = found.group(1).decode("ascii", "replace") if found else "utf-8"
    if charset.upper() == "CHARSET":  # a template's placeholder
        charset = "utf-8"
    try:
        codec = codecs.lookup(charset).name
    except LookupError:
        raise LeafletError(f"unknown charset '{charset}' in the Content-Type header", name,
                           data.count(b"\n", 0, found.start()) + 1) from None
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise LeafletError(f"not valid {charset} (byte {exc.start})", name,
                           data.count(b"\n", 0, exc.start) + 1) from None


class _Draft:
    """One entry as it is read, before it is complete."""

    def __init__(self, line: int):
        self.line = line
        self.fields: dict[str, list[str]] = {}
        self.previous: dict[str, list[str]] = {}
        self.flags: list[str] = []
        self.auto, self.locations, self.comments = [], [], []
        self.obsolete: bool | None = None
        self.current: list[str] | None = None  # the field a continuation line adds to
        self.current_kind = ""  # "#|" for a previous field
        self.complete = False  # has a msgstr: the next entry's first line ends it

    @property
    def empty(self) -> bool:
        return not (self.fields or self.previous or self.flags or self.auto or self.locations or self.comments)


class _Parser:
    def __init__(self, name: str):
        self.name = name

    def error(self, line: int, message: str) -> LeafletError:
        return LeafletError(message, self.name, line)

    def parse(self, text: str) -> PoFile:
        entries: list[Entry] = []
        draft: _Draft | None = None
        number = 0
        for number, raw in enumerate(text.split("\n"), 1):
            line = raw.strip()
            if not line:
                continue
            obsolete = line.startswith("#~")
            if obsolete:
                line = line[2:].lstrip()
                if line.startswith("|"):
                    line = "#" + line
                elif not line:
                    continue
            if draft is not None and draft.complete and (
                    line.startswith("#") or line.startswith(("msgctxt", "msgid")) and (m := KEYWORD.match(line))
                    and m.group(1) in ("msgctxt", "msgid")):
                entries.append(self.finish(draft))
                draft = None
            if draft is None:
                draft = _Draft(number)
            self.line(draft, number, line, obsolete)
        if draft is not None and not draft.empty:
            if draft.fields:
                entries.append(self.finish(draft))
            # else: comments at the end of the file belong to no entry (GNU drops them too)
        return self.catalog(entries)

    def line(self, draft: _Draft, number: int, line: str, obsolete: bool) -> None:
        if line.startswith("#|"):
            self.value(draft, draft.previous, number, line[2:].lstrip(), "#|")
            return
        if line.startswith("#,"):
            draft.flags += [f.strip() for f in line[2:].split(",") if f.strip() and f.strip() not in draft.flags]
        elif line.startswith("#."):
            draft.auto.append(_comment(line[2:]))
        elif line.startswith("#:"):
            draft.locations += line[2:].split()
        elif line.startswith("#"):
            draft.comments.append(_comment(line[1:]))
        else:
            if draft.obsolete is not None and draft.obsolete != obsolete and draft.fields:
                raise self.error(number, "an entry mixes obsolete (#~) and active lines")
            draft.obsolete = obsolete
            self.value(draft, draft.fields, number, line, "")
            return
        draft.current = None

    def value(self, draft: _Draft, fields: dict, number: int, line: str, where: str) -> None:
        m = KEYWORD.match(line)
        if m:
            key = m.group(1)
            if key in fields:
                raise self.error(number, f"'{where + ' ' if where else ''}{key}' appears twice in one entry")
            if key.startswith("msgstr") and "msgid" not in fields:
                raise self.error(number, f"'{key}' without a msgid before it")
            if key == "msgctxt" and "msgid" in fields:
                raise self.error(number, "'msgctxt' after 'msgid' (it must come first)")
            fields[key] = [self.strings(number, line[m.end():])]
            draft.current, draft.current_kind = fields[key], where
            if fields is draft.fields and key.startswith("msgstr"):
                draft.complete = True
        elif line.startswith('"') and draft.current is not None and draft.current_kind == where:
            draft.current.append(self.strings(number, line))
        else:
            raise self.error(number, f"cannot read this line: {line[:40]!r}")

    def finish(self, draft: _Draft) -> Entry:
        joined = {k: "".join(v) for k, v in draft.fields.items()}
        previous = {k: "".join(v) for k, v in draft.previous.items()}
        if "msgid" not in joined:
            raise self.error(draft.line, "entry without msgid")
        plural_strs = tuple(joined[k] for k in sorted((k for k in joined if k.startswith("msgstr[")),
                                                      key=lambda k: int(k[7:-1])))
        if "msgstr" not in joined and not plural_strs:
            raise self.error(draft.line, "entry without msgstr (is the file cut short?)")
        if ("msgid_plural" in joined) != bool(plural_strs) or ("msgstr" in joined and plural_strs):
            raise self.error(draft.line, "msgid_plural and msgstr[n] go together, without a plain msgstr")
        return Entry(msgid=joined["msgid"], msgstr=joined.get("msgstr", plural_strs[0] if plural_strs else ""),
                     context=joined.get("msgctxt"), line=draft.line, flags=tuple(draft.flags),
                     previous=previous.get("msgid"), auto_comments=tuple(draft.auto),
                     comments=tuple(draft.comments), locations=tuple(draft.locations),
                     obsolete=bool(draft.obsolete), plural=joined.get("msgid_plural"), plural_strs=plural_strs,
                     previous_context=previous.get("msgctxt"), previous_plural=previous.get("msgid_plural"))

    def catalog(self, entries: list[Entry]) -> PoFile:
        header, header_comments, header_entry, body = {}, (), None, entries
        if entries and entries[0].msgid == "" and entries[0].context is None and not entries[0].obsolete:
            header_entry = entries[0]
            header = self.header(header_entry)
            header_comments = header_entry.comments
            body = entries[1:]
        seen: dict[tuple, int] = {}
        for e in body:
            if e.msgid == "" and not e.obsolete:
                raise self.error(e.line, "an entry with an empty msgid (only the header may have one)")
            key = (e.context, e.msgid)  # as in GNU gettext, an obsolete entry may not repeat another one either
            if key in seen:
                raise self.error(e.line, f"duplicate entry for msgctxt {e.context!r} (first on line {seen[key]})")
            seen[key] = e.line
        return PoFile(self.name, header, tuple(body), header_comments, header_entry)

    def strings(self, number: int, rest: str) -> str:
        """One or more quoted strings (GNU allows several on a line), unescaped and joined."""
        simple = SIMPLE_STRING.fullmatch(rest)
        if simple:  # most lines: one string, no escapes
            return simple.group(1)
        out, i, n = [], 0, len(rest)
        while True:
            if i >= n or rest[i] != '"':
                raise self.error(number, f'unescaped " inside a string, or text after its closing quote: '
                                         f'{rest[i:i + 20]!r}')
            i += 1
            while True:
                if i >= n:
                    raise self.error(number, "unterminated string (a line must end with a closing \")")
                ch = rest[i]
                if ch == '"':
                    i += 1
                    break
                if ch != "\\":
                    out.append(ch)
                    i += 1
                    continue
                i = self.escape(number, rest, i + 1, out)
            while i < n and rest[i] in " \t":
                i += 1
            if i >= n:
                return "".join(out)

    def escape(self, number: int, rest: str, i: int, out: list[str]) -> int:
        nxt = rest[i] if i < len(rest) else ""
        if nxt in ESCAPES and nxt:
            out.append(ESCAPES[nxt])
            return i + 1
        octal = re.match(r"[0-7]{1,3}", rest[i:])
        if octal:
            out.append(chr(int(octal.group(0), 8)))
            return i + len(octal.group(0))
        hexa = re.match(r"x([0-9A-Fa-f]{1,2})", rest[i:])
        if hexa:
            out.append(chr(int(hexa.group(1), 16)))
            return i + len(hexa.group(0))
        if not nxt:
            raise self.error(number, "unterminated string (a line must end with a closing \")")
        raise self.error(number, f"unknown escape '\\{nxt}' in a string")

    def header(self, entry: Entry) -> dict:
        out = {}
        for line in entry.msgstr.split("\n"):
            if ":" in line:
                key, value = line.split(":", 1)
                out[key.strip()] = value.strip()
        return out


def _comment(text: str) -> str:
    """A comment's text: one space after the marker is the marker's, the rest is kept."""
    return text[1:] if text.startswith(" ") else text
