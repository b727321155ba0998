"""Font files for ReportLab, faster and smaller.

`extract_info` replaces ReportLab's pure-Python parse of the cmap, hmtx and
loca tables (a read_ushort call per entry: 0.6 s for a full build's fonts)
with bulk `struct` reads that give exactly the same dictionaries and lists.

`lean_subset` rewrites each embedded subset ReportLab writes: no hinting
programs (fpgm, prep, cvt) and no glyph instructions, which a PDF viewer
rasterising at screen or print resolution does not need (FreeType's hinting
does move anti-aliased edges by a pixel's fraction: the outlines are the same),
and a name table cut to the copyright, family, style, full and PostScript
names instead of licence text, descriptions and Macintosh duplicates repeated
in every 256-glyph subset. Outlines, metrics and the subset's cmap are left
byte for byte as ReportLab made them.
"""
from __future__ import annotations

from collections.abc import Sequence
from struct import pack, unpack_from

from reportlab.pdfbase import ttfonts

_original_extract = ttfonts.TTFontFile.extractInfo
_original_subset = ttfonts.TTFontFile.makeSubset
HINTING = ("fpgm", "prep", "cvt ")
NAME_IDS = (0, 1, 2, 4, 6)  # copyright, family, style, full name, PostScript name (Windows records only)
MORE_COMPONENTS, WORDS, SCALE, XY_SCALE, TWO_BY_TWO, INSTRUCTIONS = 0x20, 0x1, 0x8, 0x40, 0x80, 0x100


def _cmap_subtable(f) -> int | None:
    """Offset of the subtable ReportLab's extractInfo would choose (same rules, same order)."""
    base = f.table["cmap"]["offset"]
    version, count = unpack_from(">HH", f._ttf_data, base)
    if count == 0 and version != 0:
        count = version
    chosen, enc = None, 0
    for n in range(count):
        platform, encoding, offset = unpack_from(">HHL", f._ttf_data, base + 4 + 8 * n)
        if platform == 3 or (platform == 1 and encoding == 1) or (platform == 0 and encoding != 5):
            chosen, enc = offset, 1
        elif platform == 1 and encoding == 0 and enc != 1:
            chosen, enc = offset, 2
    return None if chosen is None else base + chosen


class Widths(dict):
    """charWidths, each entry computed when first asked for: a build draws a few
    hundred of a CJK font's 12,000 characters, and the language list a dozen
    of each other script's. The values are those ReportLab's loop stores."""

    def __init__(self, face):
        super().__init__()
        self.face = face

    def __missing__(self, code: int) -> float:
        face = self.face
        glyph = face.charToGlyph.get(code)
        if glyph is None or glyph >= face.numGlyphs:
            raise KeyError(code)
        width = face.hmetrics[glyph][0]  # scaled already past the long metrics, as ReportLab keeps them
        self[code] = width = face._pdfScale(width) if glyph < face._long_metrics else width
        return width

    def get(self, code, default=None):
        try:
            return self[code]
        except KeyError:
            return default


def _glyph_to_char(self) -> dict:
    """glyph -> characters, as ReportLab's extractInfo builds it, made on first use
    (only a glyph drawn without its text needs it)."""
    g2c = self.__dict__.get("_g2c")
    if g2c is None:
        g2c = self.__dict__["_g2c"] = {}
        original = self.__dict__.get("_alias", {})
        for char, glyph in self.charToGlyph.items():
            glyph = original.get(char, glyph)
            if glyph is not None:
                g2c.setdefault(glyph, []).append(char)
    return g2c


def _set_glyph_to_char(self, value) -> None:
    self.__dict__["_g2c"] = value


class Metrics(Sequence):
    """hmetrics, ReportLab's (advance, left side bearing) per glyph, read from the
    table when asked for: a subset reads a few hundred of a CJK font's 13,000."""

    def __init__(self, pairs: tuple[int, ...], last: float, bearings: tuple[int, ...]):
        self._pairs, self._long, self._last, self._bearings = pairs, len(pairs) // 2, last, bearings

    def __len__(self) -> int:
        return self._long + len(self._bearings)

    def __getitem__(self, glyph: int) -> tuple:
        if not 0 <= glyph < len(self):
            raise IndexError(glyph)
        if glyph < self._long:
            return self._pairs[2 * glyph], self._pairs[2 * glyph + 1]
        return self._last, self._bearings[glyph - self._long]


class Offsets(Sequence):
    """glyphPos, each glyph's offset in glyf, from the loca table as it is (short
    offsets are halved there)."""

    def __init__(self, raw: tuple[int, ...], shift: int):
        self._raw, self._shift = raw, shift

    def __len__(self) -> int:
        return len(self._raw)

    def __getitem__(self, glyph: int) -> int:
        if not 0 <= glyph < len(self._raw):
            raise IndexError(glyph)
        return self._raw[glyph] << self._shift


def maps(face, char: int, glyph: int) -> bool:
    """Whether the font's own cmap takes `char` to `glyph` (the space/no-break
    space aliasing aside, as glyphToChar has it)."""
    return face.__dict__.get("_alias", {}).get(char, face.charToGlyph.get(char)) == glyph


def extract_info(self, charInfo=1):
    """ReportLab's extractInfo, with the per-character tables read in bulk (cmap formats 4 and 12)."""
    _original_extract(self, 0)  # names, head, OS/2, post, hhea, maxp: small and read once
    data = self._ttf_data
    head, hhea = self.table["head"]["offset"], self.table["hhea"]["offset"]
    loca_format, glyph_format = unpack_from(">hh", data, head + 50)
    cmap = _cmap_subtable(self)
    fmt = unpack_from(">H", data, cmap)[0] if cmap is not None else None
    if not charInfo or glyph_format != 0 or fmt not in (4, 12) or "loca" not in self.table:
        self.__dict__.pop("_alias", None)
        return _original_extract(self, charInfo)  # anything unusual: ReportLab's own path, errors included
    c2g = {}
    if fmt == 4:
        length = unpack_from(">H", data, cmap + 2)[0]
        seg2 = unpack_from(">H", data, cmap + 6)[0]
        seg = seg2 // 2
        ends = unpack_from(f">{seg}H", data, cmap + 14)
        starts = unpack_from(f">{seg}H", data, cmap + 16 + seg2)
        deltas = unpack_from(f">{seg}h", data, cmap + 16 + 2 * seg2)
        ranges_at = cmap + 16 + 3 * seg2
        ranges = unpack_from(f">{seg}H", data, ranges_at)
        limit = cmap + length
        for n in range(seg):
            start, end, delta, rng = starts[n], ends[n] + 1, deltas[n], ranges[n]
            if rng == 0:  # glyph = (char + delta) mod 65536
                if 0 <= start + delta and end + delta <= 0x10000:
                    c2g.update(zip(range(start, end), range(start + delta, end + delta)))
                else:  # two runs, either side of the wrap
                    wrap = -delta if delta < 0 else 0x10000 - delta
                    low, high = range(start, min(end, wrap)), range(max(start, wrap), end)
                    below = 0x10000 if delta < 0 else 0
                    c2g.update(zip(low, range(low.start + delta + below, low.stop + delta + below)))
                    c2g.update(zip(high, range(high.start + delta + below - 0x10000,
                                               high.stop + delta + below - 0x10000)))
                continue
            # glyphs from the glyph id array, read at once; past the table's end, glyph 0
            at = ranges_at + 2 * n + rng
            count = min(end - start, max(0, -(-(limit - at) // 2)))
            glyphs = unpack_from(f">{count}H", data, at)
            c2g.update(zip(range(start, start + count), [(g + delta) & 0xFFFF if g else 0 for g in glyphs]))
            c2g.update(dict.fromkeys(range(start + count, end), 0))
    else:
        groups = unpack_from(">L", data, cmap + 12)[0]
        values = unpack_from(f">{3 * groups}L", data, cmap + 16)
        for n in range(0, 3 * groups, 3):
            start, end, first = values[n:n + 3]
            c2g.update(zip(range(start, end + 1), range(first, first + end + 1 - start)))
    self.charToGlyph = c2g
    self.__dict__.pop("_g2c", None)
    scale, glyphs = self._pdfScale, self.numGlyphs
    self._long_metrics = long_metrics = unpack_from(">H", data, hhea + 34)[0]
    hmtx = self.table["hmtx"]["offset"]
    pairs = unpack_from(f">{2 * long_metrics}H", data, hmtx)
    last = scale(pairs[-2])  # ReportLab keeps the scaled advance for the short entries
    self.hmetrics = Metrics(pairs, last, unpack_from(f">{glyphs - long_metrics}H", data, hmtx + 4 * long_metrics))
    self.defaultWidth = scale(pairs[0])
    self.charWidths = Widths(self)
    loca = self.table["loca"]["offset"]
    if loca_format == 0:
        self.glyphPos = Offsets(unpack_from(f">{glyphs + 1}H", data, loca), 1)
    elif loca_format == 1:
        self.glyphPos = Offsets(unpack_from(f">{glyphs + 1}L", data, loca), 0)
    else:
        raise ttfonts.TTFError(f"Unknown location table format ({loca_format})")
    # ReportLab draws a no-break space as a space (or the reverse, if the font has only that)
    for a, b in ((0x20, 0xA0), (0xA0, 0x20)):
        if a in c2g:
            self._alias = {b: c2g.get(b)}
            c2g[b] = c2g[a]
            break


ttfonts.TTFontFile.extractInfo = extract_info
ttfonts.TTFontFile.glyphToChar = property(_glyph_to_char, _set_glyph_to_char)


def tables(font: bytes) -> dict[str, bytes]:
    """tag -> data of an sfnt (TrueType) file."""
    count = unpack_from(">H", font, 4)[0]
    out = {}
    for n in range(count):
        tag, _, offset, length = unpack_from(">4sLLL", font, 12 + 16 * n)
        out[tag.decode("latin-1")] = font[offset:offset + length]
    return out


def _without_instructions(glyph: bytes) -> bytes:
    if len(glyph) < 10:
        return glyph
    contours = unpack_from(">h", glyph)[0]
    if contours >= 0:
        at = 10 + 2 * contours
        size = unpack_from(">H", glyph, at)[0]
        return glyph[:at] + b"\0\0" + glyph[at + 2 + size:]
    out, at, flags = bytearray(glyph), 10, MORE_COMPONENTS
    while flags & MORE_COMPONENTS:
        flags = unpack_from(">H", glyph, at)[0]
        out[at:at + 2] = pack(">H", flags & ~INSTRUCTIONS)
        at += 4 + (4 if flags & WORDS else 2)
        at += 2 if flags & SCALE else 4 if flags & XY_SCALE else 8 if flags & TWO_BY_TWO else 0
    return bytes(out[:at])


def _glyf_loca(glyf: bytes, loca: bytes, long_loca: bool) -> tuple[bytes, bytes, int]:
    count = len(loca) // (4 if long_loca else 2)
    offsets = unpack_from(f">{count}L", loca) if long_loca else [v * 2 for v in unpack_from(f">{count}H", loca)]
    parts, positions, pos = [], [], 0
    for start, end in zip(offsets, offsets[1:]):
        positions.append(pos)
        data = _without_instructions(glyf[start:end]) if end > start else b""
        data += b"\0" * (-len(data) % 4)
        parts.append(data)
        pos += len(data)
    positions.append(pos)
    if (pos + 1) >> 1 > 0xFFFF:
        return b"".join(parts), pack(f">{len(positions)}L", *positions), 1
    return b"".join(parts), pack(f">{len(positions)}H", *(p >> 1 for p in positions)), 0


def _short_name(name: bytes) -> bytes:
    count, strings = unpack_from(">HH", name, 2)[0], unpack_from(">H", name, 4)[0]
    kept = []
    for n in range(count):
        record = unpack_from(">6H", name, 6 + 12 * n)
        if record[0] == 3 and record[3] in NAME_IDS:
            kept.append((record, name[strings + record[5]:strings + record[5] + record[4]]))
    header = pack(">3H", 0, len(kept), 6 + 12 * len(kept))
    records, text, pos = [], [], 0
    for (platform, encoding, language, name_id, length, _), data in kept:
        records.append(pack(">6H", platform, encoding, language, name_id, length, pos))
        text.append(data)
        pos += length
    return header + b"".join(records) + b"".join(text)


def lean(font: bytes) -> bytes:
    """An embedded subset without hinting, glyph instructions or long name records."""
    t = tables(font)
    maker = ttfonts.TTFontMaker()
    glyf, loca, long_loca = _glyf_loca(t["glyf"], t["loca"], unpack_from(">h", t["head"], 50)[0] == 1)
    t["glyf"], t["loca"] = glyf, loca
    t["head"] = t["head"][:50] + pack(">h", long_loca) + t["head"][52:]
    t["maxp"] = t["maxp"][:26] + b"\0\0" + t["maxp"][28:] if len(t["maxp"]) >= 32 else t["maxp"]  # no instructions
    if "name" in t:
        t["name"] = _short_name(t["name"])
    for tag, data in t.items():
        if tag not in HINTING:
            maker.add(tag, data)
    return maker.makeStream()


def lean_subset(self, subset):
    return lean(_original_subset(self, subset))
