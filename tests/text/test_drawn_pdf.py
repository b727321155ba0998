"""Every glyph of every edition, as the PDF draws it, where HarfBuzz puts it;
and every subset font's ToUnicode as PDF/UA wants it.

The PDF is read with an interpreter of its own (`contentstream`: text
matrices, TJ adjustments, rises and each subset font's /Widths), glyphs are
identified by their outlines in the embedded subset, and each run of text
(what one text positioning operator starts) is shaped again with a fresh
uharfbuzz font from the font file. The run's text is read back from the PDF
too: its glyphs' ToUnicode, base by base (a right-to-left run is written left
to right, each base followed by its marks). Tolerance: 1/1000 em.
"""
from __future__ import annotations

import io
import unicodedata
from functools import lru_cache
from pathlib import Path

import pytest
import uharfbuzz as hb
import yaml
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from leaflet import build, content
from leaflet.catalogs import review

from . import contentstream as cs
from . import scales

ROOT = Path(__file__).resolve().parents[2]
FONTS = ROOT / "fonts"
SEED = ROOT / "content" / "serious-case-reviews.yaml"
NOTHING = "\u200d"  # what a glyph standing for no character of its own reads as
LANGUAGES = ["en", *review.available("serious-case-reviews")]
FORMS = ["parallel", "blocks", "flip"]


@lru_cache(maxsize=1)
def font_files() -> dict[str, Path]:
    """PostScript name -> font file, from the files themselves."""
    out = {}
    for path in FONTS.glob("*.ttf"):
        out[TTFont(path, lazy=True)["name"].getDebugName(6)] = path
    return out


@lru_cache(maxsize=1)
def family_scripts() -> dict[str, list[str]]:
    data = yaml.safe_load((FONTS / "fonts.yaml").read_text(encoding="utf-8"))
    out = {}
    for family in data["families"]:
        for style in ("regular", "bold", "italic", "bold_italic"):
            if style in family:
                out[family[style]] = family["scripts"]
    return out


@lru_cache(maxsize=64)
def hb_font(path: Path) -> hb.Font:
    return hb.Font(hb.Face(hb.Blob.from_file_path(str(path))))


def shape(path: Path, text: str, rtl: bool, script: str | None, language: str):
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    buf.direction = "rtl" if rtl else "ltr"
    if script:
        buf.script = script
    buf.language = language
    hb.shape(hb_font(path), buf, {"kern": True, "liga": True})
    return [(i.codepoint, p.x_advance, p.x_offset, p.y_offset) for i, p in zip(buf.glyph_infos, buf.glyph_positions)]


def is_mark(text: str) -> bool:
    return bool(text) and all(unicodedata.category(c).startswith("M") for c in text)


def run_text(units: list[str], rtl: bool) -> str:
    """A run's text from its glyphs' ToUnicode in stream order: a right-to-left
    run is written left to right, base by base, each base followed by its marks."""
    if not rtl:
        return "".join(u for u in units if u != NOTHING)
    groups: list[list[str]] = []
    for u in units:
        if groups and (u == NOTHING or is_mark(u)):
            groups[-1].append(u)
        else:
            groups.append([u])
    return "".join(u for g in reversed(groups) for u in g if u != NOTHING)


def check_run(glyphs: list[cs.Glyph], origin, languages: list[str]) -> tuple[float, list[str]]:
    """Compare one run with HarfBuzz; return its advance (text space) and the problems found."""
    font = glyphs[0].font
    path = font_files().get(font.base)
    if path is None:
        return 0.0, [f"font {font.base} is not one of fonts/"]
    missing = [g.code for g in glyphs if g.code not in g.font.to_unicode]
    if missing:
        return 0.0, [f"{font.base}: codes {missing} have no ToUnicode"]
    units = [g.font.to_unicode[g.code] for g in glyphs]  # a word may use two subsets: each has its own
    strong = {unicodedata.bidirectional(ch) for u in units for ch in u}
    size = glyphs[0].size
    scale = size / cs.upem(str(path))
    a, b, c, d, e, f = origin
    norm = (a * a + b * b) ** 0.5 or 1.0
    tolerance = size / 1000 + 1e-6
    scripts = [None, *family_scripts().get(path.name, [])]
    # the direction is the run's letters'; a run of neutrals (spaces, punctuation) takes its line's
    directions = [True] if strong & {"R", "AL"} else [False] if "L" in strong else [False, True]
    best, text = None, ""
    for direction in directions:
        text = run_text(units, direction)
        for script in scripts:
            for language in languages:
                shaped = shape(path, text, direction, script, language)
                problems = compare(glyphs, shaped, str(path), scale, (a / norm, b / norm, c / norm, d / norm, e, f),
                                   tolerance)
                if not problems:
                    return sum(adv for _, adv, _, _ in shaped) * scale, []
                best = best or problems
    return 0.0, [f"{font.base} {text!r}: {best[0]}"]


def compare(glyphs, shaped, path, scale, m, tolerance) -> list[str]:
    if len(glyphs) != len(shaped):
        return [f"{len(glyphs)} glyphs drawn, HarfBuzz gives {len(shaped)}"]
    a, b, c, d, e, f = m
    unused = list(glyphs)
    pen = 0.0
    for gid, adv, dx, dy in shaped:
        u, v = (pen + dx) * scale, dy * scale
        x, y = e + a * u + c * v, f + b * u + d * v
        want = cs.original_shape(path, gid)
        hit = next((g for g in unused if abs(g.x - x) <= tolerance and abs(g.y - y) <= tolerance
                    and cs.drawn_shape(g) == want), None)
        if hit is None:
            near = min(unused, key=lambda g: abs(g.x - x) + abs(g.y - y))
            return [f"glyph {gid} belongs at ({x:.3f}, {y:.3f}); nearest drawn is at ({near.x:.3f}, {near.y:.3f})"]
        unused.remove(hit)
        pen += adv
    return []


def check_pdf(pdf: bytes) -> tuple[int, list[str]]:
    """(glyphs checked, problems) for every page of a PDF."""
    reader = PdfReader(io.BytesIO(pdf))
    lang = str(reader.trailer["/Root"].get("/Lang", "en"))
    languages = list(dict.fromkeys([lang, lang.split("-")[0], "en"]))
    checked, problems = 0, []
    for n, page in enumerate(cs.pages(pdf)):
        runs: dict[int, list[cs.Glyph]] = {}
        for g in page.glyphs:
            runs.setdefault(g.run, []).append(g)
        previous = None  # (line, end of the previous run along the baseline)
        for run, glyphs in runs.items():
            if any(g.font.base != glyphs[0].font.base for g in glyphs):
                problems.append(f"p.{n + 1}: a run mixes fonts")
                continue
            origin = page.origins[run]
            advance, found = check_run(glyphs, origin, languages)
            problems += [f"p.{n + 1}: {p}" for p in found]
            checked += len(glyphs)
            # runs of one line follow each other with no gap and no overlap
            line = page.lines[run]
            if previous and previous[0] == line:
                a, b, _, _, e, f = origin
                px, py = previous[1]
                if abs(px - e) > glyphs[0].size / 1000 + 1e-6 or abs(py - f) > glyphs[0].size / 1000 + 1e-6:
                    problems.append(f"p.{n + 1}: run starts at ({e:.3f}, {f:.3f}), the previous one ends at "
                                    f"({px:.3f}, {py:.3f})")
            a, b, _, _, e, f = origin
            norm = (a * a + b * b) ** 0.5 or 1.0
            previous = (line, (e + a / norm * advance, f + b / norm * advance))
    return checked, problems


def check_to_unicode(pdf: bytes) -> list[str]:
    """PDF/UA 7.21.7: every code drawn maps to Unicode, and no code maps to
    U+0000, U+FEFF or U+FFFE; ReportLab's unused code 0 is not mapped at all."""
    problems = []
    for n, page in enumerate(cs.pages(pdf)):
        fonts = {g.font.key: g.font for g in page.glyphs}
        for font in fonts.values():
            if 0 in font.to_unicode:
                problems.append(f"p.{n + 1}: {font.base} maps code 0")
            bad = [c for c, t in font.to_unicode.items() if not t or set(t) & {"\x00", "\ufeff", "\ufffe"}]
            if bad:
                problems.append(f"p.{n + 1}: {font.base} maps codes {bad} to nothing or U+0000/FEFF/FFFE")
        unmapped = {(g.font.base, g.code) for g in page.glyphs if g.code not in g.font.to_unicode}
        if unmapped:
            problems.append(f"p.{n + 1}: codes drawn without ToUnicode: {sorted(unmapped)[:5]}")
    return problems


@pytest.fixture(scope="module")
def editions():
    leaflet = content.load(SEED)
    eds, _ = build.editions_of(leaflet)
    return {e.code: e for e in eds}


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_glyph_of_every_edition_is_where_harfbuzz_puts_it(editions, code):
    screen, printed = build.make(editions[code])
    checked, problems = check_pdf(screen.data)
    assert checked > 1500 and problems == [], problems[:5]
    assert check_to_unicode(screen.data) == []


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("code", [c for c in LANGUAGES if c != "en"])
def test_every_glyph_of_every_bilingual_form_is_where_harfbuzz_puts_it(editions, code, form):
    screen, _ = build.make_bilingual(editions[code], editions["en"], form)
    checked, problems = check_pdf(screen.data)
    assert checked > 3000 and problems == [], problems[:5]
    assert check_to_unicode(screen.data) == []


def test_the_print_file_draws_the_same_glyphs_where_harfbuzz_puts_them(editions):
    _, printed = build.make(editions["ur"])
    checked, problems = check_pdf(printed.data)
    assert checked > 1500 and problems == [], problems[:5]


def test_the_check_fails_on_a_glyph_moved_by_a_hundredth_of_an_em(editions):
    # The test must be able to fail: move one glyph of one Urdu word.
    import re
    screen, _ = build.make(editions["ur"])
    reader = PdfReader(io.BytesIO(screen.data))
    from pypdf import PdfWriter
    from pypdf.generic import ContentStream, NameObject
    writer = PdfWriter(clone_from=reader)
    page = writer.pages[1]
    stream = ContentStream(page.get_contents(), writer)
    for k, (operands, op) in enumerate(stream.operations):
        if op == b"TJ" and len(operands[0]) >= 2:
            from pypdf.generic import ArrayObject, FloatObject
            operands[0].insert(1, FloatObject(-10))  # 10/1000 em to the right, after the first glyph
            break
    page[NameObject("/Contents")] = stream
    out = io.BytesIO()
    writer.write(out)
    _, problems = check_pdf(out.getvalue())
    assert problems


# -- optical scale (fonts.yaml `scale`) ------------------------------------------
SCALED = {"pa": "NotoSansGurmukhi", "ar": "NotoNaskhArabic", "fa": "NotoNaskhArabic", "bn": "NotoSansBengali",
          "ur": "NotoNastaliqUrdu"}


def mixed_lines(pdf: bytes, family: str) -> list[tuple[set[float], set[float]]]:
    """(sizes of the script's glyphs, sizes of Noto Sans's) for every drawn
    line (one text object) that holds both, on every page."""
    out = []
    for page in cs.pages(pdf):
        lines: dict[int, list[cs.Glyph]] = {}
        for g in page.glyphs:
            lines.setdefault(page.lines[g.run], []).append(g)
        for glyphs in lines.values():
            script = {round(g.size, 3) for g in glyphs if g.font.base.startswith(family)}
            latin = {round(g.size, 3) for g in glyphs if g.font.base.startswith("NotoSans-")}
            if script and latin:
                out.append((script, latin))
    return out


@pytest.mark.parametrize("code", sorted(SCALED))
def test_a_script_is_drawn_at_its_scale_beside_the_latin_of_its_line(editions, code):
    # The Tf size of a Gurmukhi (Arabic...) run over that of a Latin run in the
    # same line is the family's scale in fonts.yaml (1 for Bengali and Urdu).
    family = SCALED[code]
    file = next(p.name for p in FONTS.glob(f"{family}-Regular.ttf"))
    want = scales.of_file(file)
    screen, _ = build.make(editions[code])
    lines = mixed_lines(screen.data, family)
    assert len(lines) >= 3, "the edition should have lines mixing its script and Latin"
    for script, latin in lines:
        assert len(script) == 1 and len(latin) == 1, (script, latin)  # one size each within a line
        ratio = next(iter(script)) / next(iter(latin))
        assert abs(ratio - want) < 0.0005, (code, script, latin, want)


def ink_boxes(page) -> list[tuple[float, float, float, float, int]]:
    """(x0, y0, x1, y1, line) of every glyph's outline as drawn: the embedded
    subset's coordinates at the drawn size and place."""
    out = []
    for g in page.glyphs:
        coords, _, _ = cs.drawn_shape(g)
        if not coords:
            continue
        scale = g.size / cs._embedded(g.font.program)["head"].unitsPerEm
        xs, ys = [c[0] for c in coords], [c[1] for c in coords]
        out.append((g.x + min(xs) * scale, g.y + min(ys) * scale, g.x + max(xs) * scale, g.y + max(ys) * scale,
                    page.lines[g.run]))
    return out


def collisions(page, tolerance: float = 0.05) -> list[tuple]:
    """Pairs of glyphs of different lines whose outlines' boxes overlap."""
    boxes = sorted(ink_boxes(page), key=lambda b: b[1])
    found = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if b[1] >= a[3] - tolerance:
                break
            if b[4] != a[4] and b[0] < a[2] - tolerance and a[0] < b[2] - tolerance:
                found.append((a, b))
    return found


@pytest.mark.parametrize("code", ["pa", "ar", "fa", "bn", "ur", "ta"])
def test_no_glyph_touches_a_glyph_of_another_line(editions, code):
    # With the scale applied, each line still takes the room its fonts need:
    # no outline of one line reaches into the next (Nastaliq's cascade included).
    screen, _ = build.make(editions[code])
    for n, page in enumerate(cs.pages(screen.data)):
        assert collisions(page) == [], f"p.{n + 1}: {collisions(page)[:2]}"


def test_the_collision_check_finds_two_lines_set_too_close():
    # The check must be able to fail: draw two Gurmukhi lines 9 pt apart at 12 pt.
    import io as io_
    from reportlab.pdfgen.canvas import Canvas
    from leaflet import markup
    from leaflet.text.draw import line_ops
    from leaflet.text.lines import break_lines, prepare
    spans = markup.parse("ਮਾਪਿਆਂ ਅਤੇ ਦੇਖਭਾਲ ਕਰਨ ਵਾਲਿਆਂ ਲਈ ਜਾਣਕਾਰੀ। ਮਾਪਿਆਂ ਅਤੇ ਦੇਖਭਾਲ")
    lines = break_lines(prepare(spans, "pa", False), 150, 12, 1.2)
    buf = io_.BytesIO()
    canv = Canvas(buf)
    for n, line in enumerate(lines[:2]):
        canv._code.append(line_ops(canv, line, spans, 50, 700 - 9 * n, 12, lambda s: "0 g")[0])
    canv.showPage()
    canv.save()
    assert collisions(cs.pages(buf.getvalue())[0])
