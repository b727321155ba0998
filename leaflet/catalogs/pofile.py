"""Strict reading of .po files that come back from translators.

Babel's `read_po` silently truncates an unterminated string and drops a
duplicate; polib truncates too. A catalog is untrusted input, so this reader
refuses anything malformed with `file:line: what is wrong` and never guesses.
Writing goes through Babel (`write`), which translators' tools accept.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from ..errors import LeafletError

MAX_BYTES = 2_000_000
ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", '"': '"', "a": "\a", "b": "\b", "f": "\f", "v": "\v"}
KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*)$')


@dataclass(frozen=True)
class Entry:
    msgid: str
    msgstr: str
    context: str | None = None
    line: int = 0
    flags: frozenset = frozenset()
    previous: str | None = None  # `#| msgid`: the English this translation was made for
    auto_comments: tuple[str, ...] = ()
    comments: tuple[str, ...] = ()  # translator comments (`# ...`)
    locations: tuple[str, ...] = ()
    obsolete: bool = False
    plural: str | None = None
    plural_strs: tuple[str, ...] = ()

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags


@dataclass(frozen=True)
class PoFile:
    path: str
    header: dict
    entries: tuple[Entry, ...]
    header_comments: tuple[str, ...] = field(default=())

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
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise LeafletError(f"not valid UTF-8 (byte {exc.start})", name, data.count(b"\n", 0, exc.start) + 1) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    return _Parser(name).parse(text)


class _Parser:
    def __init__(self, name: str):
        self.name = name

    def error(self, line: int, message: str) -> LeafletError:
        return LeafletError(message, self.name, line)

    def parse(self, text: str) -> PoFile:
        entries: list[Entry] = []
        block: list[tuple[int, str]] = []
        for number, raw in enumerate(text.split("\n"), 1):
            line = raw.rstrip("\r")
            if line.strip():
                block.append((number, line))
            elif block:
                entries.append(self.entry(block))
                block = []
        if block:
            entries.append(self.entry(block))
        header, header_comments, body = {}, (), entries
        if entries and entries[0].msgid == "" and entries[0].context is None and not entries[0].obsolete:
            header = self.header(entries[0])
            header_comments = entries[0].comments
            body = entries[1:]
        seen: dict[tuple, int] = {}
        for e in body:
            if e.msgid == "":
                raise self.error(e.line, "an entry with an empty msgid (only the header may have one)")
            key = (e.context, e.msgid, e.obsolete)
            if key in seen:
                raise self.error(e.line, f"duplicate entry for msgctxt {e.context!r} (first on line {seen[key]})")
            seen[key] = e.line
        return PoFile(self.name, header, tuple(body), header_comments)

    def entry(self, lines: list[tuple[int, str]]) -> Entry:
        fields: dict[str, list[str]] = {}
        flags: set[str] = set()
        auto, locs, prev, comments = [], [], {}, []
        obsolete = all(l.startswith("#~") for _, l in lines if not l.startswith(("#.", "#:", "#,", "# ")))
        current = None
        first = lines[0][0]
        for number, line in lines:
            if line.startswith("#~"):
                line = line[2:].lstrip()
                if line.startswith("|"):
                    line = "#" + line
            if line.startswith("#,"):
                flags.update(f.strip() for f in line[2:].split(",") if f.strip())
                continue
            if line.startswith("#."):
                auto.append(line[2:].strip())
                continue
            if line.startswith("#:"):
                locs.extend(line[2:].split())
                continue
            if line.startswith("#|"):
                m = KEYWORD.match(line[2:].strip())
                if m:
                    prev.setdefault(m.group(1), []).append(self.string(number, m.group(3)))
                    current = ("prev", m.group(1))
                elif line[2:].strip().startswith('"') and current and current[0] == "prev":
                    prev[current[1]].append(self.string(number, line[2:].strip()))
                continue
            if line.startswith("#"):
                comments.append(line[1:].strip())
                continue
            m = KEYWORD.match(line)
            if m:
                key = m.group(1)
                if key in fields:
                    raise self.error(number, f"'{key}' appears twice in one entry")
                fields[key] = [self.string(number, m.group(3))]
                current = ("field", key)
            elif line.startswith('"') and current and current[0] == "field":
                fields[current[1]].append(self.string(number, line))
            else:
                raise self.error(number, f"cannot read this line: {line[:40]!r}")
        joined = {k: "".join(v) for k, v in fields.items()}
        if "msgid" not in joined:
            raise self.error(first, "entry without msgid")
        plural_strs = tuple(joined[k] for k in sorted((k for k in joined if k.startswith("msgstr[")),
                                                      key=lambda k: int(k[7:-1])))
        if "msgstr" not in joined and not plural_strs:
            raise self.error(first, "entry without msgstr")
        return Entry(msgid=joined["msgid"], msgstr=joined.get("msgstr", plural_strs[0] if plural_strs else ""),
                     context=joined.get("msgctxt"), line=first, flags=frozenset(flags),
                     previous="".join(prev["msgid"]) if "msgid" in prev else None, auto_comments=tuple(auto),
                     comments=tuple(comments),
                     locations=tuple(locs), obsolete=obsolete, plural=joined.get("msgid_plural"),
                     plural_strs=plural_strs)

    def string(self, number: int, token: str) -> str:
        token = token.strip()
        if len(token) < 2 or not token.startswith('"') or not token.endswith('"') or _escaped_end(token):
            raise self.error(number, "unterminated string (a line must end with a closing \")")
        body, out, i = token[1:-1], [], 0
        while i < len(body):
            ch = body[i]
            if ch == '"':
                raise self.error(number, 'unescaped " inside a string')
            if ch != "\\":
                out.append(ch)
                i += 1
                continue
            nxt = body[i + 1]
            if nxt in ESCAPES:
                out.append(ESCAPES[nxt])
                i += 2
            elif nxt in "01234567":
                digits = re.match(r"[0-7]{1,3}", body[i + 1:]).group(0)
                out.append(chr(int(digits, 8)))
                i += 1 + len(digits)
            elif nxt == "x" and re.match(r"[0-9A-Fa-f]{1,2}", body[i + 2:]):
                digits = re.match(r"[0-9A-Fa-f]{1,2}", body[i + 2:]).group(0)
                out.append(chr(int(digits, 16)))
                i += 2 + len(digits)
            else:
                raise self.error(number, f"unknown escape '\\{nxt}' in a string")
        return "".join(out)

    def header(self, entry: Entry) -> dict:
        out = {}
        for line in entry.msgstr.split("\n"):
            if ":" in line:
                key, value = line.split(":", 1)
                out[key.strip()] = value.strip()
        content_type = out.get("Content-Type", "")
        charset = re.search(r"charset=([\w-]+)", content_type)
        if charset and charset.group(1).lower().replace("_", "-") not in ("utf-8", "utf8"):
            raise self.error(entry.line, f"charset {charset.group(1)} is not supported; use UTF-8")
        return out


def _escaped_end(token: str) -> bool:
    """True if the closing quote is itself escaped (an odd run of backslashes)."""
    run = len(token[1:-1]) - len(token[1:-1].rstrip("\\"))
    return run % 2 == 1


def write(catalog: Catalog, extra_headers: dict | None = None) -> bytes:
    """The catalog as .po bytes; `extra_headers` (X-... fields Babel does not
    keep, such as a review status) are carried over into the header."""
    buf = io.BytesIO()
    write_po(buf, catalog, width=0, include_previous=True)
    data = buf.getvalue()
    if extra_headers:
        marker = b'"Generated-By: '
        at = data.index(b"\n", data.index(marker)) + 1
        lines = "".join(f'"{k}: {v}\\n"\n' for k, v in sorted(extra_headers.items())).encode()
        data = data[:at] + lines + data[at:]
    return data
