"""Itemization: a paragraph's spans -> runs of one script, font, bidi level and span.

Script comes from the Unicode Script property (fontTools.unicodedata); Common and
Inherited characters (spaces, digits, punctuation, combining marks, ZWJ/ZWNJ)
take the script around them. The font is the family fonts/fonts.yaml names for
that script and language; a character it lacks falls back along the table
(Latin letters and '@' inside Arabic text go to Noto Sans), always a whole
character at a time and never splitting a mark from its base.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from fontTools import unicodedata as ucd

from .. import fonts
from ..fonts import Face
from ..markup import Span
from . import bidi

NEUTRAL = {"Zyyy", "Zinh", "Zzzz"}


class MissingGlyphs(Exception):
    def __init__(self, chars: list[str], tried: list[str]):
        self.chars, self.tried = chars, tried
        names = ", ".join(fonts.describe(c) for c in chars)
        super().__init__(f"no font has {names} (tried {', '.join(tried)})")


@dataclass(frozen=True)
class Item:
    start: int  # offset in the paragraph's text
    text: str
    span: int  # index into the paragraph's spans
    face: Face
    level: int  # bidi embedding level; odd = right to left
    script: str  # ISO 15924


def itemize(spans: tuple[Span, ...], language: str, rtl: bool, bold: bool = False,
            italic: bool = False) -> list[Item]:
    text = "".join(s.text for s in spans)
    owner = [i for i, s in enumerate(spans) for _ in s.text]
    levels = bidi.isolated_levels([(s.text, s.is_data) for s in spans], rtl)
    scripts = resolve_scripts(text, [spans[i].is_data for i in owner],
                              lambda script, ch: _family_has(script, language, bold, italic, ch))
    missing: list[str] = []
    faces: list[Face] = []
    start, n = 0, len(text)
    while start < n:  # a run of one span and one script at a time
        end = start + 1
        while end < n and owner[end] == owner[start] and scripts[end] == scripts[start]:
            end += 1
        span = spans[owner[start]]
        b, it = bold or span.bold, italic or span.italic
        prev = faces[-1] if faces and owner[start - 1] == owner[start] else None
        face = _script_face(scripts[start], language, b, it)
        run = text[start:end]
        if face is not None and face.cmap.issuperset(map(ord, run)) and (prev is None or not _clings(run[0])):
            faces.extend([face] * (end - start))  # what pick_face gives each character of such a run
        else:
            for i in range(start, end):
                prev = faces[-1] if faces and owner[i - 1] == owner[i] else None
                face = pick_face(text[i], scripts[i], language, b, it, prev)
                if face is None:
                    missing.append(text[i])
                    face = prev or fonts.face(fonts.families()[0].file(False, False))
                faces.append(face)
        start = end
    if missing:
        tried = sorted({f.file(bold, italic) for f in fonts.families()})
        raise MissingGlyphs(sorted(set(missing)), tried)

    items: list[Item] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or (owner[i], faces[i], levels[i], scripts[i]) != (
                owner[start], faces[start], levels[start], scripts[start]):
            items.append(Item(start, text[start:i], owner[start], faces[start], levels[start], scripts[start]))
            start = i
    return items


OPENING, CLOSING = {"Ps", "Pi"}, {"Pe", "Pf"}


def resolve_scripts(text: str, is_data: list[bool], has=None) -> list[str]:
    """Script of each character, with Common/Inherited resolved from context.
    Contact data is always Latin: it is set in the Latin font, left to right.

    A mark takes its base's script. Other common characters (spaces, digits,
    punctuation) take the script of the text around them whose font has them
    (`has(script, char)`): the text before, then after, then the paragraph's
    other scripts; an opening bracket or quote looks at what it opens first,
    and a closing one takes its opener's script, so a pair comes from one font."""
    has = has or (lambda script, ch: True)
    raw = [("Latn" if is_data[i] else _script(ch)) for i, ch in enumerate(text)]
    before, after = [None] * len(text), [None] * len(text)
    last = None
    for i, sc in enumerate(raw):
        before[i] = last
        if sc not in NEUTRAL:
            last = sc
    last = None
    for i in range(len(text) - 1, -1, -1):
        after[i] = last
        if raw[i] not in NEUTRAL:
            last = raw[i]
    strong = [sc for sc in raw if sc not in NEUTRAL]
    present = sorted(set(strong), key=lambda sc: (-strong.count(sc), sc))  # the paragraph's scripts, most used first
    out = list(raw)
    openers: list[tuple[int, bool]] = []  # (index, is a quote)
    for i, ch in enumerate(text):
        if raw[i] not in NEUTRAL:
            continue
        if raw[i] == "Zinh" and i > 0:
            out[i] = out[i - 1]
            continue
        category, quote = _kind(ch)
        candidates = []
        if category in CLOSING:
            j = next((k for k in range(len(openers) - 1, -1, -1) if openers[k][1] == quote), None)
            if j is not None:
                candidates.append(out[openers[j][0]])
                del openers[j:]
        candidates += [after[i], before[i]] if category in OPENING else [before[i], after[i]]
        candidates = [c for c in (*candidates, *present) if c]
        ext = _extensions(ch)
        allowed = [c for c in candidates if not ext or c in ext]
        out[i] = next((c for c in allowed if has(c, ch)), None) or (allowed[0] if allowed else
                                                                   sorted(ext)[0] if ext else "Latn")
        if category in OPENING:
            openers.append((i, quote))
    return out


@lru_cache(maxsize=8192)
def _kind(ch: str) -> tuple[str, bool]:
    """General category, and whether it is a quotation mark."""
    return unicodedata.category(ch), "QUOTATION" in unicodedata.name(ch, "")


@lru_cache(maxsize=8192)
def _script(ch: str) -> str:
    return ucd.script(ch)


@lru_cache(maxsize=8192)
def _extensions(ch: str) -> frozenset:
    return frozenset(ucd.script_extension(ch) - NEUTRAL)


@lru_cache(maxsize=8192)
def _family_has(script: str, language: str, bold: bool, italic: bool, ch: str) -> bool:
    family = fonts.family_for(script, language)
    return family is not None and fonts.face(family.file(bold, italic)).has(ch)


@lru_cache(maxsize=1024)
def _script_face(script: str, language: str, bold: bool, italic: bool) -> Face | None:
    """The face of the family that sets `script`: every character of a run it covers comes from it."""
    family = fonts.family_for(script, language)
    return fonts.face(family.file(bold, italic)) if family is not None else None


@lru_cache(maxsize=8192)
def _clings(ch: str) -> bool:
    """A mark or an invisible joiner: it stays in the run of the character before it."""
    return fonts.is_invisible(ch) or unicodedata.category(ch).startswith("M")


def pick_face(ch: str, script: str, language: str, bold: bool, italic: bool, prev: Face | None) -> Face | None:
    if prev is not None and _clings(ch) and (prev.has(ch) or fonts.is_invisible(ch)):
        return prev  # keep marks, ZWJ and ZWNJ in their base's run so shaping sees them
    return _pick(ch, script, language, bold, italic)


@lru_cache(maxsize=8192)
def _pick(ch: str, script: str, language: str, bold: bool, italic: bool) -> Face | None:
    family = fonts.family_for(script, language)
    if family is not None:
        face = fonts.face(family.file(bold, italic))
        if face.has(ch):
            return face
    if fonts.is_invisible(ch):
        return fonts.face(fonts.families()[0].file(bold, italic))
    for family in fonts.families():
        face = fonts.face(family.file(bold, italic))
        if face.has(ch):
            return face
    return None


@fonts.on_change
def _forget_faces() -> None:
    for cached in (_family_has, _script_face, _pick):
        cached.cache_clear()
