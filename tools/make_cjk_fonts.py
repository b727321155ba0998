#!/usr/bin/env python3
"""Make TrueType (glyf) subsets of Debian's Noto Sans CJK fonts for ReportLab.

ReportLab's TTFont rejects CFF (PostScript) outlines and needs a subfontIndex
for .ttc collections, so this script takes the KR, SC and TC faces of the
Noto Sans CJK collections, subsets them to the characters the leaflets need,
converts the cubic CFF outlines to quadratic glyf outlines, and writes
fonts/NotoSans{KR,SC,TC}-{Regular,Bold}.ttf.  It then checks the results
(ReportLab, HarfBuzz, pdffonts), records their provenance in
fonts/PROVENANCE-CJK.md and copies the OFL licence to fonts/OFL.txt.

Run once, offline, by a developer (not at build time):

    python3 tools/make_cjk_fonts.py            # build, verify, write provenance
    python3 tools/make_cjk_fonts.py --verify   # only verify the existing files

Needs: Debian package fonts-noto-cjk, fontTools, uharfbuzz, reportlab and
poppler-utils (pdffonts).
"""
import argparse
import hashlib
import re
import subprocess
import sys
import time
from pathlib import Path

import fontTools
from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "fonts"
SRC_DIR = Path("/usr/share/fonts/opentype/noto")
DEB_PACKAGE = "fonts-noto-cjk"
DEB_COPYRIGHT = Path("/usr/share/doc/fonts-noto-cjk/copyright")
MAX_ERR = 1.0  # font units (UPM is 1000)

SAMPLES = {  # language tag (as the leaflet shaper passes it), sample text
    "KR": ("ko", "한국어 안내문"),
    "SC": ("zh-Hans", "严重案例审查：给父母和照顾者的信息。"),
    "TC": ("zh-Hant", "嚴重案例審查：給父母和照顧者的資訊。"),
}


# --- character sets ----------------------------------------------------------

def span(first, last):
    return set(range(first, last + 1))


def double_byte_charset(codec):
    """Every character reachable from a valid 2-byte sequence of `codec`."""
    chars = set()
    for lead in range(0x81, 0xFF):
        for trail in range(0x40, 0xFF):
            try:
                text = bytes([lead, trail]).decode(codec)
            except UnicodeDecodeError:
                continue
            chars.update(ord(c) for c in text)
    return {c for c in chars if c > 0x7F}


# Kept in every face (the curly quotes etc. are used in Korean text too).
PUNCT = {ord(c) for c in "“”‘’—…·、。《》「」"}
COMMON = (span(0x0020, 0x007E)          # basic ASCII
          | span(0x3000, 0x303F)        # CJK symbols and punctuation
          | span(0xFF00, 0xFFEF)        # halfwidth and fullwidth forms
          | PUNCT)
COMMON_DESC = ("ASCII U+0020-007E, CJK symbols and punctuation U+3000-303F, "
               "halfwidth/fullwidth forms U+FF00-FFEF and “ ” ‘ ’ — … · 、。《》「」")

CHARSETS = {
    "KR": ("Hangul syllables U+AC00-D7A3, Hangul Jamo U+1100-11FF, Hangul "
           "compatibility Jamo U+3130-318F",
           lambda: span(0xAC00, 0xD7A3) | span(0x1100, 0x11FF) | span(0x3130, 0x318F)),
    "SC": ("all of GB2312 (every valid 2-byte gb2312 sequence decoded with "
           "Python's codec)",
           lambda: double_byte_charset("gb2312")),
    "TC": ("all of Big5 (every valid 2-byte big5 sequence decoded with "
           "Python's codec)",
           lambda: double_byte_charset("big5")),
}


def wanted_chars(lang):
    return CHARSETS[lang][1]() | COMMON


# --- building ----------------------------------------------------------------

def source_path(weight):
    return SRC_DIR / f"NotoSansCJK-{weight}.ttc"


def output_path(lang, weight):
    return FONTS / f"NotoSans{lang}-{weight}.ttf"


def face_index(ttc_path, family):
    """Index of the face whose family name (name ID 1) is exactly `family`."""
    for i, face in enumerate(TTCollection(str(ttc_path), lazy=True)):
        if face["name"].getDebugName(1) == family:
            return i
    raise LookupError(f"no face {family!r} in {ttc_path}")


def drop_foreign_languages(font, lang):
    """Keep only the face's own OpenType language systems (plus the defaults).

    Each face carries 'locl' glyph variants for the other CJK locales (JAN,
    KOR, ZHS, ZHT, ZHH); keeping them would double the TC subset.  Text in a
    foreign language tag then gets the default language system: this face's
    own glyph forms."""
    native = {"KR": "KOR ", "SC": "ZHS ", "TC": "ZHT "}[lang]
    for tag in ("GSUB", "GPOS"):
        for record in font[tag].table.ScriptList.ScriptRecord:
            script = record.Script
            script.LangSysRecord = [r for r in script.LangSysRecord
                                    if r.LangSysTag == native]
            script.LangSysCount = len(script.LangSysRecord)


def subset_font(font, unicodes):
    options = subset.Options()
    vertical = {"valt", "vert", "vhal", "vjmo", "vkrn", "vpal", "vrt2", "vchw"}
    options.layout_features = [f for f in options.layout_features if f not in vertical]
    options.drop_tables += ["VORG", "vhea", "vmtx"]  # horizontal text only
    options.hinting = False
    options.desubroutinize = True
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]
    options.name_languages = ["*"]
    options.glyph_names = False  # post format 3: no glyph names stored
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)


def cff_to_glyf(font):
    """Replace the 'CFF ' table by quadratic 'glyf'/'loca' outlines."""
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in order:
        tt_pen = TTGlyphPen(None)
        # CFF contours run counter-clockwise, TrueType ones clockwise.
        glyph_set[name].draw(Cu2QuPen(tt_pen, MAX_ERR, reverse_direction=True))
        glyphs[name] = tt_pen.glyph()

    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    del font["CFF "]
    glyf.compile(font)  # computes each glyph's bounding box

    hmtx = font["hmtx"]  # left side bearing must equal xMin in TrueType
    for name, glyph in glyphs.items():
        hmtx[name] = (hmtx[name][0], getattr(glyph, "xMin", 0))

    font["maxp"] = maxp = newTable("maxp")  # version 1.0, no instructions
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    for field in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs",
                  "maxInstructionDefs", "maxStackElements",
                  "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, field, 0)
    # numGlyphs, maxPoints, maxContours, ... are recomputed when saved.

    post = font["post"]
    post.formatType = 3.0
    post.extraNames, post.mapping = [], {}
    font["head"].glyphDataFormat = 0  # indexToLocFormat is set by loca on save
    font.sfntVersion = "\x00\x01\x00\x00"


def build(lang, weight):
    src = source_path(weight)
    family = f"Noto Sans CJK {lang}"
    index = face_index(src, family)
    # Keep head.modified from the source so that re-runs give identical files.
    font = TTFont(str(src), fontNumber=index, recalcTimestamp=False)
    wanted = wanted_chars(lang)
    available = set(font.getBestCmap())
    drop_foreign_languages(font, lang)
    subset_font(font, wanted)
    cff_to_glyf(font)
    out = output_path(lang, weight)
    font.save(str(out))
    return {"source": src, "family": family, "index": index,
            "wanted": len(wanted), "missing": sorted(wanted - available)}


# --- verification ------------------------------------------------------------

def verify(paths_by_lang, pdf_path=Path("/tmp/cjk_fonts_check.pdf")):
    """Load every font in ReportLab and HarfBuzz, draw the samples into a PDF
    and check with pdffonts that each font is embedded as a subset.
    Returns the PDF path (render it with pdftoppm and look at it)."""
    import uharfbuzz as hb
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont as RLTTFont
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(pdf_path), pagesize=(700, 60 + 60 * len(paths_by_lang)))
    y = 30 + 60 * len(paths_by_lang)
    ps_names = []
    for lang, path in paths_by_lang:
        font = TTFont(str(path))
        assert "glyf" in font and "CFF " not in font, path
        assert font["maxp"].tableVersion == 0x00010000, path
        for name_id in (1, 4, 6):
            assert font["name"].getDebugName(name_id), (path, name_id)
        ps_names.append(font["name"].getDebugName(6))
        cmap = font.getBestCmap()
        missing = wanted_chars(lang) - set(cmap)
        language, sample = SAMPLES[lang]
        text = f"{sample} “ABC abc 123” 《》「」、。"
        assert not {ord(c) for c in text} - set(cmap), (path, text)

        blob = hb.Blob.from_file_path(str(path))
        hb_font = hb.Font(hb.Face(blob))
        buf = hb.Buffer()
        buf.add_str(text)
        buf.guess_segment_properties()
        buf.language = language
        hb.shape(hb_font, buf, {})
        gids = [info.codepoint for info in buf.glyph_infos]
        assert 0 not in gids, (path, gids)

        rl_name = path.stem
        pdfmetrics.registerFont(RLTTFont(rl_name, str(path)))
        pdf.setFont("Helvetica", 8)
        pdf.drawString(20, y + 22, rl_name)
        pdf.setFont(rl_name, 20)
        pdf.drawString(20, y, text)
        y -= 60
        print(f"ok  {path.name}: {len(cmap)} chars, {font['maxp'].numGlyphs} glyphs, "
              f"{len(missing)} wanted chars absent, shaped {len(gids)} glyphs")
    pdf.save()

    report = subprocess.run(["pdffonts", str(pdf_path)], check=True,
                            capture_output=True, text=True).stdout
    for ps_name in ps_names:  # pdffonts lists the PostScript name (name ID 6)
        rows = [r.split() for r in report.splitlines()
                if re.match(rf"[A-Z]{{6}}\+{re.escape(ps_name)}\s", r)]
        assert rows, f"{ps_name} not in pdffonts output:\n{report}"
        # columns: name type(2 words) encoding emb sub uni object ID
        assert all(r[-5:-3] == ["yes", "yes"] for r in rows), rows
    print(report)
    return pdf_path


# --- provenance and licence --------------------------------------------------

def deb_version(package):
    return subprocess.run(["dpkg-query", "-W", "-f=${Version}", package],
                          check=True, capture_output=True, text=True).stdout


def write_provenance(records):
    version = deb_version(DEB_PACKAGE)
    lines = ["<!-- BEGIN tools/make_cjk_fonts.py -->",
             "## Noto Sans CJK subsets (KR, SC, TC)", ""]
    for (lang, weight), info in records.items():
        out = output_path(lang, weight)
        data = out.read_bytes()
        lines += [
            f"### fonts/{out.name}", "",
            f"- Source: `{info['source']}` from Debian package {DEB_PACKAGE} {version}",
            f"- Face: '{info['family']}' {weight} (index {info['index']} of the collection)",
            f"- Characters kept: {CHARSETS[lang][0]}, {COMMON_DESC} "
            f"({info['wanted']} code points requested, "
            f"{len(info['missing'])} of them not in the source font)",
            f"- Conversion: tools/make_cjk_fonts.py with fontTools {fontTools.version}: "
            f"fontTools.subset (default horizontal layout features, hinting dropped, "
            f"vertical tables dropped, other locales' OpenType language systems and "
            f"their 'locl' variants dropped), then CFF converted to TrueType glyf outlines "
            f"with Cu2QuPen + TTGlyphPen (max error {MAX_ERR} unit), maxp 1.0, post format 3",
            f"- Size: {len(data)} bytes",
            f"- SHA-256: `{hashlib.sha256(data).hexdigest()}`",
            "- Licence: SIL Open Font License 1.1, see fonts/OFL.txt", ""]
    lines.append("<!-- END tools/make_cjk_fonts.py -->")
    section = "\n".join(lines) + "\n"

    prov = FONTS / "PROVENANCE-CJK.md"
    old = prov.read_text() if prov.exists() else "# Provenance of the CJK fonts\n\n"
    pattern = re.compile(r"<!-- BEGIN tools/make_cjk_fonts.py -->.*?"
                         r"<!-- END tools/make_cjk_fonts.py -->\n", re.S)
    if pattern.search(old):  # re-run: replace our own section
        new = pattern.sub(lambda _: section, old)
    else:
        new = old + ("" if old.endswith("\n\n") else "\n") + section
    prov.write_text(new)


def copy_ofl():
    """fonts/OFL.txt: the Noto CJK copyright notice + the OFL 1.1 text taken
    from Debian's copyright file.  An existing OFL.txt is left alone."""
    ofl = FONTS / "OFL.txt"
    if ofl.exists():
        return
    text = DEB_COPYRIGHT.read_text()
    body = text.split("License: SIL-1.1\n", 2)[2].split("\nLicense: ")[0]
    body = "\n".join("" if l.strip() == "." else l[1:] for l in body.splitlines())
    notice = ("Noto Sans CJK: Copyright 2014-2021 Adobe (http://www.adobe.com/), "
              "with Reserved Font Name 'Source'.\n\n")
    ofl.write_text(notice + body.strip("\n") + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--verify", action="store_true",
                        help="only verify the existing output files")
    args = parser.parse_args()
    jobs = [(lang, weight) for lang in ("KR", "SC", "TC")
            for weight in ("Regular", "Bold")]
    if not args.verify:
        records = {}
        for lang, weight in jobs:
            start = time.monotonic()
            records[lang, weight] = build(lang, weight)
            out = output_path(lang, weight)
            print(f"built {out.name}: {out.stat().st_size} bytes "
                  f"in {time.monotonic() - start:.1f} s")
        write_provenance(records)
        copy_ofl()
    verify([(lang, output_path(lang, weight)) for lang, weight in jobs])


if __name__ == "__main__":
    sys.exit(main())
