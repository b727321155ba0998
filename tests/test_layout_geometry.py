"""Layouts as data: the new layouts load, are chosen by `layout:` or --layout,
name their files, and a layout that cannot work fails by its line."""
import re
import subprocess
import sys

import pytest

from leaflet import layout
from leaflet.layout import LAYOUTS, MM

from conftest import ROOT, SEED

NEW = ("dl-trifold", "large-print", "a4-sheet")


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, str(ROOT / "generate.py"), *map(str, args)],
                          capture_output=True, text=True, cwd=cwd)


def test_the_new_layouts_as_the_issue_asks():
    dl = layout.load("dl-trifold")
    assert (round(dl.width / MM), round(dl.height / MM)) == (99, 210)
    assert dl.imposition == "roll-fold" and dl.page_counts() == [6, 12]  # a second sheet when one is too few
    big = layout.load("large-print")
    assert (round(big.width / MM), round(big.height / MM)) == (210, 297)
    assert big.imposition == "duplex" and big.page_counts()[:3] == [4, 6, 8]
    # 16 pt for every text element, not only the body (RNIB / UKAAF)
    assert big.body_minimum >= 16 and big.text_floor == 16
    assert min(s.size for n, s in big.styles.items()) >= 16
    assert layout.load("a5-fold").file_tag == "" and big.file_tag == ".large-print"
    sheet = layout.load("a4-sheet")  # one A4 sheet, both sides, two columns
    assert (round(sheet.width / MM), round(sheet.height / MM)) == (210, 297) and sheet.columns == 2
    assert sheet.imposition == "duplex" and sheet.page_counts() == [2, 4] and sheet.file_tag == ".a4-sheet"


def spoiled(tmp_path, base: str, old: str, new: str) -> tuple:
    """A copy of a shipped layout with one line changed, and that line's number."""
    text = (LAYOUTS / f"{base}.yaml").read_text(encoding="utf-8")
    assert old in text, old
    line = text[:text.index(old)].count("\n") + 1
    path = tmp_path / f"{base}-spoiled.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path, line


BAD = [  # (layout, old text, new text, what the message says, line offset from the changed text)
    ("a5-fold", "width_mm: 148", "width_mm: 210", "does not fit the sheet", 0),  # an A4 page folded in half
    ("dl-trifold", "width_mm: 99", "width_mm: 110", "does not fit the sheet", 0),
    ("large-print", "height_mm: 297", "height_mm: 310", "does not fit the sheet", 0),
    ("dl-trifold", "pages: {start: 6, step: 6, most: 12}", "pages: {start: 8, step: 4, most: 12}",
     "roll-fold imposition needs multiples of 6", 0),
    ("dl-trifold", "pages: {start: 6, step: 6, most: 12}", "pages: {start: 6, step: 4, most: 12}",
     "roll-fold imposition needs multiples of 6", 0),
    ("a5-fold", "margin_mm: {top: 14, bottom: 16, inside: 13, outside: 13}",
     "margin_mm: {top: 14, bottom: 16, inside: 60, outside: 60}", "text frame", 0),
    ("large-print", "footer:    {size: 16,", "footer:    {size: 11,", "under this layout's floor of 16 pt", 0),
    ("large-print", "minimum: 16,", "minimum: 12,", "under this layout's floor", 0),
    ("dl-trifold", "imposition: roll-fold", "imposition: z-fold", "not an imposition", 0),
    ("dl-trifold", "band_height_mm: 80", "band_height_mm: 205", "no room for the cover", 0),
    ("a5-fold", "title_rise: 0.3", "title_rise: 1.5", "not a share of the band's spare height", 0),
    ("large-print", "foot_gap_mm: 18", "foot_gap_mm: -4", "foot panel's gap cannot be negative", 0),
    ("a4-sheet", "columns: {count: 2, gutter_mm: 8}", "columns: {count: 5, gutter_mm: 8}", "not a column count", 0),
    ("a4-sheet", "columns: {count: 2, gutter_mm: 8}", "columns: {count: 4, gutter_mm: 8}",
     "the engine needs at least 40 mm a column", 0),
    ("a4-sheet", "columns: {count: 2, gutter_mm: 8}", "columns: {count: 2, gutter_mm: 45}", "not a usable gutter", 0),
    ("a4-sheet", "columns: {count: 2, gutter_mm: 8}", "columns: {count: 2, gutter: 8}", "unknown key 'gutter'", 0),
    ("a4-sheet", "back: foot", "back: last ", "sets the back panel across their foot", 0),
    ("a4-sheet", "front: top", "front: middle", "front panel at: first, top", 0),
    ("a4-sheet", "pages: {start: 2, step: 2, most: 4}", "pages: {start: 3, step: 2, most: 5}", "even counts", 0),
]


@pytest.mark.parametrize("base, old, new, says, offset", BAD)
def test_a_layout_that_cannot_work_fails_by_its_line(tmp_path, base, old, new, says, offset):
    path, line = spoiled(tmp_path, base, old, new)
    out = tmp_path / "out"
    done = run("build", SEED, "--lang", "en", "--layout", path, "--out", out)
    assert done.returncode == 2, done.stdout + done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
    assert re.match(rf"error: \S*{re.escape(path.name)}:{line + offset}: ", lines[0]), lines[0]
    assert says in lines[0], lines[0]
    assert not any(p.suffix == ".pdf" for p in out.rglob("*")) if out.exists() else True


def test_an_unknown_layout_name_lists_the_layouts(tmp_path):
    done = run("build", SEED, "--lang", "en", "--layout", "tabloid", "--out", tmp_path)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "unknown layout 'tabloid'" in done.stderr and all(n in done.stderr for n in NEW)


@pytest.mark.parametrize("name, imposition", [("dl-trifold", "roll-fold"), ("a4-sheet", "duplex")])
def test_flip_needs_a_folded_booklet(tmp_path, name, imposition):
    done = run("build", SEED, "--lang", "pl", "--bilingual", "flip", "--layout", name, "--out", tmp_path)
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "flip" in done.stderr and imposition in done.stderr
    assert not list(tmp_path.rglob("*.pdf"))


def test_content_files_layout_key_and_the_option_name_the_files(tmp_path, write_content):
    path = write_content(lambda d: d.update(layout="dl-trifold"))
    done = run("build", path, "--lang", "en", "--out", tmp_path / "a", "--format", "screen", "--format", "print")
    assert done.returncode == 0, done.stderr
    names = sorted(p.name for p in (tmp_path / "a").rglob("*.pdf"))
    assert names == ["serious-case-reviews.en.dl-trifold.print.pdf", "serious-case-reviews.en.dl-trifold.screen.pdf"]
    # --layout wins over the content file's key; the default layout keeps the plain names
    done = run("build", path, "--lang", "en", "--layout", "a5-fold", "--out", tmp_path / "b")
    assert done.returncode == 0, done.stderr
    names = sorted(p.name for p in (tmp_path / "b").rglob("*.pdf"))
    assert names == ["serious-case-reviews.en.print.pdf", "serious-case-reviews.en.screen.pdf"]
    done = run("build", SEED, "--lang", "ur", "--layout", "large-print", "--format", "press", "--out", tmp_path / "c")
    assert done.returncode == 0, done.stderr
    assert [p.name for p in (tmp_path / "c").rglob("*.pdf")] == ["serious-case-reviews.ur.large-print.press.pdf"]
    path = write_content(lambda d: d.update(layout="a4-sheet"))
    done = run("build", path, "--lang", "en", "--out", tmp_path / "d")
    assert done.returncode == 0, done.stderr
    names = sorted(p.name for p in (tmp_path / "d").rglob("*.pdf"))
    assert names == ["serious-case-reviews.en.a4-sheet.print.pdf", "serious-case-reviews.en.a4-sheet.screen.pdf"]
