"""Shaping with HarfBuzz, cached: each distinct piece of text is shaped once
per face, direction, script and language, in font units (so once for every size;
a face's optical `scale` from fonts.yaml multiplies the size wherever it is used).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import uharfbuzz as hb

from ..fonts import Face


class Glyph(NamedTuple):  # made for every glyph shaped: a tuple costs a third of a frozen dataclass
    gid: int
    cluster: int  # offset of the first character it came from, in the shaped text
    x_advance: int  # font units
    x_offset: int
    y_offset: int


@dataclass(frozen=True)
class Shaped:
    glyphs: tuple[Glyph, ...]
    advance: int  # font units

    def width(self, face: Face, size: float) -> float:
        return self.advance * size * face.scale / face.upem  # the face's optical scale (fonts.yaml)


def shape(face: Face, text: str, rtl: bool, script: str, language: str) -> Shaped:
    return _shape(face, text, rtl, script, language)


@lru_cache(maxsize=65536)
def _shape(face: Face, text: str, rtl: bool, script: str, language: str) -> Shaped:
    buf = hb.Buffer()
    buf.add_str(text)
    buf.direction = "rtl" if rtl else "ltr"
    buf.script = script
    buf.language = language
    buf.cluster_level = hb.BufferClusterLevel.MONOTONE_CHARACTERS
    hb.shape(face.hb_font, buf, {"kern": True, "liga": True})
    # add_str feeds UTF-32, so clusters are character offsets into `text`
    glyphs = tuple(Glyph(i.codepoint, i.cluster, p.x_advance, p.x_offset, p.y_offset)
                   for i, p in zip(buf.glyph_infos, buf.glyph_positions))
    return Shaped(glyphs, sum(g.x_advance for g in glyphs))

