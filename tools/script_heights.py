"""Comparable heights of each script's letters, measured from the font files
(fontTools): what fonts/fonts.yaml's `scale` per family is derived from.

    python tools/script_heights.py

Latin: the x-height (top of 'x'). Scripts with a headline (Bengali,
Devanagari, Gurmukhi): the letter body below the headline, read along the
letters' rows (the eye sizes these letters by the body under the bar, not the
bar's top). Others: the top of letters without ascenders. scale = Latin x-height / that height.
"""
from __future__ import annotations

from pathlib import Path

from fontTools.pens.boundsPen import BoundsPen
from fontTools.pens.pointInsidePen import PointInsidePen
from fontTools.ttLib import TTFont

FONTS = Path(__file__).resolve().parent.parent / "fonts"
SAMPLES = {  # family file, letters without ascenders or descenders, has a headline
    "Latn": ("NotoSans-Regular.ttf", "xvzn", False),
    "Beng": ("NotoSansBengali-Regular.ttf", "কবনমতল", True),
    "Guru": ("NotoSansGurmukhi-Regular.ttf", "ਕਸਮਨਤਲ", True),
    "Deva": ("NotoSansDevanagari-Regular.ttf", "कमनबतल", True),
    "Gujr": ("NotoSansGujarati-Regular.ttf", "કમનબતલ", False),
    "Taml": ("NotoSansTamil-Regular.ttf", "கமனபவ", False),
    "Ethi": ("NotoSansEthiopic-Regular.ttf", "ሀለመነ", False),
}


def body_height(file: str, letters: str, headline: bool) -> float:
    font = TTFont(FONTS / file)
    glyphs, cmap, upem = font.getGlyphSet(), font.getBestCmap(), font["head"].unitsPerEm
    heights = []
    for ch in letters:
        name = cmap[ord(ch)]
        pen = BoundsPen(glyphs)
        glyphs[name].draw(pen)
        x0, _, x1, top = pen.bounds
        if not headline:
            heights.append(top / upem)
            continue
        xs = [x0 + (x1 - x0) * k / 20 for k in range(1, 20)]
        y = top
        while y > 0:  # down through the bar until most of the row is open again
            inside = 0
            for x in xs:
                p = PointInsidePen(glyphs, (x, y))
                glyphs[name].draw(p)
                inside += p.getResult()
            if inside < len(xs) * 0.5:
                break
            y -= upem / 200
        heights.append(y / upem)
    return sum(heights) / len(heights)


def main() -> None:
    latin = body_height(*SAMPLES["Latn"])
    for script, sample in SAMPLES.items():
        h = body_height(*sample)
        print(f"{script}: height {h:.3f} em, scale {latin / h:.3f}")


if __name__ == "__main__":
    main()
