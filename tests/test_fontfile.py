"""The fonts as ReportLab reads and embeds them (leaflet.fontfile): the bulk
parse gives ReportLab's own tables, and the lean subsets keep every outline,
metric and code while dropping hinting and long names. Read back with
fontTools and pypdfium2, which know nothing of ReportLab."""
import io
import subprocess
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from fontTools.ttLib import TTFont as ToolsFont
from reportlab.pdfbase import ttfonts

from leaflet import build, content, fontfile

ROOT = Path(__file__).resolve().parent.parent
FONT_FILES = sorted((ROOT / "fonts").glob("*.ttf"))
SEED = ROOT / "content" / "serious-case-reviews.yaml"


def reportlab_face(path: Path):
    """A face parsed by ReportLab's own extractInfo."""
    fast, ttfonts.TTFontFile.extractInfo = ttfonts.TTFontFile.extractInfo, fontfile._original_extract
    try:
        return ttfonts.TTFontFace(str(path))
    finally:
        ttfonts.TTFontFile.extractInfo = fast


@pytest.mark.parametrize("path", FONT_FILES, ids=lambda p: p.name)
def test_bulk_parse_gives_reportlabs_tables(path):
    ours, theirs = ttfonts.TTFontFace(str(path)), reportlab_face(path)
    for name in ("name", "charToGlyph", "glyphToChar", "defaultWidth",
                 "numGlyphs", "ascent", "descent", "bbox", "flags", "italicAngle", "stemV", "unitsPerEm"):
        assert getattr(ours, name) == getattr(theirs, name), name
    for name in ("hmetrics", "glyphPos"):  # read as asked for: the same entries
        assert list(getattr(ours, name)) == getattr(theirs, name), name
        with pytest.raises(IndexError):
            getattr(ours, name)[len(getattr(theirs, name))]
    assert list(ours.charToGlyph) == list(theirs.charToGlyph)  # same order: same subset codes
    # the widths are worked out as asked for: every character ReportLab has, and no other
    assert {c: ours.charWidths.get(c) for c in theirs.charWidths} == theirs.charWidths
    assert {c: ours.getCharWidth(c) for c in range(0x3000)} == {c: theirs.getCharWidth(c) for c in range(0x3000)}
    assert all(fontfile.maps(ours, c, g) == (c in theirs.glyphToChar.get(g, ())) for c, g in theirs.charToGlyph.items())
    tools = ToolsFont(path)
    best = {c: tools.getGlyphID(name) for c, name in tools["cmap"].getBestCmap().items()}
    assert {c: ours.charToGlyph[c] for c in best if c != 0xA0} == {c: g for c, g in best.items() if c != 0xA0}


def _subset_pair(path: Path, text: str):
    face = ttfonts.TTFontFace(str(path))
    codes = [0] + [ord(c) for c in dict.fromkeys(text) if ord(c) in face.charToGlyph][:255]
    original = fontfile._original_subset(face, codes)
    return ToolsFont(io.BytesIO(original)), ToolsFont(io.BytesIO(fontfile.lean(original))), len(original)


SAMPLE = "Serious Case Reviews: ffi fl © £ 020 8547 6111 ĄąŞşŢţ ڪستان বাংলা தமிழ் ਪੰਜਾਬੀ 한국어 中文"


@pytest.mark.parametrize("path", [p for p in FONT_FILES if "Regular" in p.name], ids=lambda p: p.name)
def test_lean_subset_keeps_every_outline_and_metric(path):
    original, lean, size = _subset_pair(path, SAMPLE + "".join(map(chr, range(0x21, 0x7F))))
    assert not {"fpgm", "prep", "cvt "} & set(lean.keys())
    assert lean.getGlyphOrder() == original.getGlyphOrder()
    assert lean["cmap"].getcmap(1, 0).cmap == original["cmap"].getcmap(1, 0).cmap
    assert lean["hmtx"].metrics == original["hmtx"].metrics
    glyf_o, glyf_l = original["glyf"], lean["glyf"]
    for name in original.getGlyphOrder():
        a, b = glyf_o[name], glyf_l[name]
        assert (a.numberOfContours, getattr(a, "coordinates", None), getattr(a, "flags", None),
                getattr(a, "endPtsOfContours", None)) == \
               (b.numberOfContours, getattr(b, "coordinates", None), getattr(b, "flags", None),
                getattr(b, "endPtsOfContours", None)), name
        if a.isComposite():
            assert [(c.glyphName, c.x, c.y, c.flags & ~fontfile.INSTRUCTIONS) for c in a.components] == \
                   [(c.glyphName, c.x, c.y, c.flags) for c in b.components], name
        assert not getattr(b, "program", None) or not b.program.getBytecode()
    names = {(r.platformID, r.nameID): r.toUnicode() for r in lean["name"].names}
    assert set(names) <= {(3, i) for i in fontfile.NAME_IDS} and (3, 6) in names
    assert names[(3, 0)] == original["name"].getDebugName(0)  # the copyright stays
    assert len(fontfile.lean(fontfile._original_subset(ttfonts.TTFontFace(str(path)), [0, 0x41]))) < size


@pytest.fixture(scope="module")
def english_files():
    leaflet = content.load(SEED)
    eds, _ = build.editions_of(leaflet, ["en"])
    return build.make(eds[0])


def test_english_screen_pdf_is_at_most_50_kb(english_files):
    screen = next(o for o in english_files if o.format == "screen")
    assert len(screen.data) <= 50_000  # 50 KB, in thousands of bytes


HINTED = """import sys
sys.path.insert(0, ".")
from leaflet import build, content, fontfile
fontfile.lean = lambda font: font  # ReportLab's own subsets, hinting and all
eds, _ = build.editions_of(content.load(sys.argv[1]), [sys.argv[2]])
open(sys.argv[3], "wb").write(build.make(eds[0])[0].data)
"""


def test_rendered_pages_keep_their_ink_without_hinting(tmp_path):
    """Pages drawn with the lean subsets against ReportLab's own (hinted) ones:
    FreeType's hinting moves anti-aliased edges by a fraction of a pixel, so
    the comparison is of ink per 4x4 pixel cell, which any moved, missing or
    extra glyph changes by far more."""
    leaflet = content.load(SEED)
    codes = ["en", "ur", "bn", "zh-Hans"]
    editions, _ = build.editions_of(leaflet, codes)
    lean = [build.make(e)[0].data for e in editions]
    hinted = []
    for code in codes:  # in a process of its own: the fonts registered here stay as they are
        out = tmp_path / f"{code}.pdf"
        subprocess.run([sys.executable, "-c", HINTED, str(SEED), code, str(out)], cwd=ROOT, check=True)
        hinted.append(out.read_bytes())
    for edition, a, b in zip(editions, lean, hinted):
        assert len(a) < len(b)
        docs = pdfium.PdfDocument(a), pdfium.PdfDocument(b)
        assert len(docs[0]) == len(docs[1])
        for n in range(len(docs[0])):
            x, y = (d[n].render(scale=2).to_pil().convert("L") for d in docs)
            small = [i.reduce(4) for i in (x, y)]  # mean of each 4x4 cell
            worst = max(abs(p - q) for p, q in zip(small[0].tobytes(), small[1].tobytes()))
            assert worst <= 40, (edition.code, n + 1, worst)


@pytest.mark.parametrize("language", ["pl", "ro", "so", "cy"])
def test_latin_screen_pdfs_are_at_most_60_kb(language):
    editions, _ = build.editions_of(content.load(SEED), [language])
    screen = next(o for o in build.make(editions[0]) if o.format == "screen")
    assert len(screen.data) <= 60_000  # issue 13: the Latin editions at most 60 KB
