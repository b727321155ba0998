"""The heights the eye sizes each script by, measured from the font files:
what fonts/fonts.yaml's `scale` per family is judged from (its comment has
the figures and the decisions).

    python tools/script_heights.py

Letters are rendered one at a time (Pillow's FreeType, 400 px to the em) and
measured row by row; shaped forms (Arabic teeth) come from HarfBuzz and
fontTools' bounds. All figures in ems.

- Latin: x-height (top of 'xvzn'), cap height (H), ascender (l).
- Headline scripts (Bengali, Devanagari, Gurmukhi): the headline's top, its
  underside, and the top of the letter's closed body under it (the first row
  below the bar's stems where a stroke spans >= 35 % of the letter). Noto's
  Gurmukhi hangs its letters from the bar by stems and closes them low, so
  its body is smaller than its bar says; the eye takes in both the bar and
  the body (the `optical` column is their mean).
- Tamil, Gujarati, Ethiopic: the top of letters without ascenders.
- Arabic: the medial tooth (dotless beh) and the alef.
- CJK: the ideographic face (mean ink height of common ideographs; Hangul
  syllables for Korean) against
  the cap height of Latin, and the cap height of the CJK font's own Latin.
"""
from __future__ import annotations

import statistics
from pathlib import Path

import uharfbuzz as hb
from fontTools.pens.boundsPen import BoundsPen
from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw, ImageFont

FONTS = Path(__file__).resolve().parent.parent / "leaflet" / "data" / "fonts"
PX = 400
HEADLINE = {
    "Guru": ("NotoSansGurmukhi-Regular.ttf", "ਕਖਗਘਚਛਜਟਠਡਤਦਧਨਪਫਬਭਮਯਰਲਵਸਹ"),
    "Beng": ("NotoSansBengali-Regular.ttf", "কখগঘচছজটঠডতদধনপফবভমযরলশসহ"),
    "Deva": ("NotoSansDevanagari-Regular.ttf", "कखगघचछजटठडतदधनपफबभमयरलवसह"),
}
FLAT = {  # letters without ascenders
    "Latn": ("NotoSans-Regular.ttf", "xvzn"),
    "Taml": ("NotoSansTamil-Regular.ttf", "கமனபவ"),
    "Gujr": ("NotoSansGujarati-Regular.ttf", "કમનબતલ"),
    "Ethi": ("NotoSansEthiopic-Regular.ttf", "ሀለመነ"),
}
CJK = {"NotoSansSC-Regular.ttf": ("的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年", "zh"),
       "NotoSansKR-Regular.ttf": ("한국어를하는모든주요기관아동가족관련된일", "ko")}


def rows(file: str, ch: str) -> tuple[dict[int, float], int]:
    """Share of the letter's width inked on each row (y up from the baseline, px)."""
    font = ImageFont.truetype(str(FONTS / file), PX)
    image = Image.new("L", (3 * PX, 3 * PX), 255)
    base = 2 * PX
    ImageDraw.Draw(image).text((PX // 2, base), ch, font=font, fill=0, anchor="ls")
    px = image.load()
    box = Image.eval(image, lambda v: 255 - v).getbbox()
    x0, top, x1, bottom = box
    cover = {base - y: sum(px[x, y] < 128 for x in range(x0, x1)) / (x1 - x0) for y in range(top, bottom)}
    return cover, base - top


def headline(file: str, ch: str) -> tuple[float, float, float]:
    """(bar top, bar underside, top of the closed body under it)."""
    cover, top = rows(file, ch)
    y = top
    while cover.get(y, 0) < 0.5:
        y -= 1
    bar_top = y
    while cover.get(y, 0) >= 0.5:
        y -= 1
    under = y
    while y > 0 and cover.get(y, 0) >= 0.35:
        y -= 1
    while y > 0 and cover.get(y, 0) < 0.35:  # the stems that hang the letter from the bar
        y -= 1
    return bar_top / PX, under / PX, y / PX


def top_of(file: str, ch: str) -> float:
    return rows(file, ch)[1] / PX


def shaped_bounds(file: str, text: str, language: str) -> list[tuple[float, float]]:
    """(bottom, top) of each glyph of `text` as HarfBuzz shapes it."""
    font = TTFont(FONTS / file)
    glyphs, order, upem = font.getGlyphSet(), font.getGlyphOrder(), font["head"].unitsPerEm
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    buf.language = language
    hb.shape(hb.Font(hb.Face(hb.Blob.from_file_path(str(FONTS / file)))), buf)
    out = []
    for info, pos in zip(buf.glyph_infos, buf.glyph_positions):
        pen = BoundsPen(glyphs)
        glyphs[order[info.codepoint]].draw(pen)
        if pen.bounds:
            out.append(((pen.bounds[1] + pos.y_offset) / upem, (pen.bounds[3] + pos.y_offset) / upem))
    return out


def main() -> None:
    latin = FLAT["Latn"][0]
    xh = statistics.mean(top_of(latin, c) for c in FLAT["Latn"][1])
    cap, asc = top_of(latin, "H"), top_of(latin, "l")
    print(f"Latn  x-height {xh:.3f}  cap {cap:.3f}  ascender {asc:.3f}")
    for script, (file, letters) in HEADLINE.items():
        m = [headline(file, c) for c in letters]
        bar, under, body = (statistics.mean(v[k] for v in m) for k in range(3))
        optical = (bar + body) / 2
        print(f"{script}  headline top {bar:.3f}  underside {under:.3f}  closed body {body:.3f}  "
              f"optical {optical:.3f}  x-height / optical {xh / optical:.3f}")
    for script, (file, letters) in FLAT.items():
        if script != "Latn":
            h = statistics.mean(top_of(file, c) for c in letters)
            print(f"{script}  letter top {h:.3f}  x-height / it {xh / h:.3f}")
    for name, file, language in (("Naskh", "NotoNaskhArabic-Regular.ttf", "ar"),
                                 ("Nastaliq", "NotoNastaliqUrdu-Regular.ttf", "ur")):
        teeth = shaped_bounds(file, "\u066e\u066e\u066e\u066e", language)[1:-1]  # the medial ones
        tooth = statistics.mean(t - b for b, t in teeth)
        (b, t), = shaped_bounds(file, "\u0627", language)
        print(f"{name}  medial tooth {tooth:.3f} (half the x-height: {xh / 2:.3f})  alef {t - b:.3f} "
              f"(Latin ascender {asc:.3f})")
    for file, (sample, language) in CJK.items():
        face = statistics.mean(t - b for b, t in shaped_bounds(file, sample, language))
        (_, own), = shaped_bounds(file, "H", "en")
        print(f"{file}  ideographic face {face:.3f}  Latin cap {cap:.3f} (its own Latin's {own:.3f})")


if __name__ == "__main__":
    main()
