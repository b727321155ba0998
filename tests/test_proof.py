"""--preview: a PNG of every page and proof.html, read back as a browser would
(html.parser), every link and image resolved on disk."""
import hashlib
import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

import pypdfium2 as pdfium
import pytest
from PIL import Image

from conftest import ROOT, SEED
from leaflet import proof
from leaflet.build import Output


class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.images, self.sections, self.text, self.tags = [], [], [], [], []
        self._in = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        if tag == "a":
            self.links.append(a["href"])
        if tag == "img":
            self.images.append(a)
        if tag in ("link", "script", "iframe", "object", "embed"):
            raise AssertionError(f"<{tag}> on a page that must need nothing else")
        if tag == "section":
            self.sections.append([])
        for name, value in attrs:
            assert not name.startswith("on"), name

    def handle_data(self, data):
        self.text.append(data)
        if self.sections:
            self.sections[-1].append(data)


def read(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, str(ROOT / "generate.py"), *map(str, args)],
                          capture_output=True, text=True, cwd=cwd)


@pytest.fixture(scope="module")
def preview_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("proof") / "build"
    done = run("build", SEED, "--lang", "en", "--lang", "pl", "--lang", "ur", "--bilingual", "flip",
               "--preview", "--out", out, "-j", "2")
    assert done.returncode == 0, done.stderr
    return out, done


def test_every_link_and_image_of_the_proof_page_is_a_file_in_the_build(preview_build):
    out, _ = preview_build
    page = read(out / "proof.html")
    assert page.links and page.images
    for ref in page.links + [i["src"] for i in page.images]:
        parsed = urlparse(ref)
        assert not parsed.scheme and not parsed.netloc and not ref.startswith("/"), ref  # relative, no network
        assert (out / unquote(parsed.path)).is_file(), ref
    pdfs = {unquote(l) for l in page.links if l.endswith(".pdf")}
    manifest = {f["file"] for f in json.loads((out / "manifest.json").read_text())["files"]}
    assert pdfs == manifest  # every file built is linked, and only those
    assert all(i["alt"] for i in page.images)


def test_each_edition_is_described_and_previewed_page_by_page(preview_build):
    out, _ = preview_build
    page = read(out / "proof.html")
    cards = [" ".join("".join(s).split()) for s in page.sections]
    assert len(cards) == 5  # en, pl, ur, pl+en, ur+en
    manifest = json.loads((out / "manifest.json").read_text())["files"]
    for entry in (e for e in manifest if e["format"] == "screen"):
        codes = " + ".join(entry["languages"])
        card = next(c for c in cards if f" {codes} " in c)
        assert f"{entry['pages']} pages" in card and f"body {entry['body_size']:g} pt" in card
        assert (entry.get("bilingual") or "single language") in card and "Complete" in card
        stem = Path(entry["file"]).name.rsplit(".", 2)[0]
        pngs = sorted((out / "previews" / entry["leaflet"]).glob(f"{stem}.p*.png"))
        assert len(pngs) == entry["pages"]
        doc = pdfium.PdfDocument(out / entry["file"])
        for i, png in enumerate(sorted(pngs, key=lambda p: int(re.search(r"\.p(\d+)\.png$", p.name)[1]))):
            with Image.open(png) as im:  # the page itself: its size at 96 dpi, and not blank
                w, h = doc[i].get_size()
                assert abs(im.width - w * 96 / 72) <= 1 and abs(im.height - h * 96 / 72) <= 1
                assert len(im.convert("L").resize((40, 56)).getcolors(256)) > 5
        doc.close()
    assert any("Urdu (" in c and "اردو" in c for c in cards)
    english = next(c for c in cards if " en-GB " in c and "+" not in c)
    assert english.startswith("English (United Kingdom) en-GB")  # named once, not "English (English (...))"
    assert "".join(page.text).count("Proof: 5 editions") == 2  # the title and the heading


def test_a_partial_edition_names_its_english_blocks_and_the_skipped_are_listed(tmp_path):
    project = tmp_path / "p"
    project.mkdir()
    (project / "content").symlink_to(ROOT / "content")
    shutil.copytree(ROOT / "translations", project / "translations")
    po = project / "translations" / "so" / "LC_MESSAGES" / "serious-case-reviews.po"
    text = po.read_text(encoding="utf-8")
    start = text.index('msgctxt "serious-case-reviews:faq.how-long.question"')
    end = text.index("\n\n", start)
    po.write_text(text[:start] + text[start:end].rsplit("msgstr", 1)[0] + 'msgstr ""' + text[end:], encoding="utf-8")
    done = run("--project", project, "build", project / "content" / "serious-case-reviews.yaml", "--lang", "so",
               "--lang", "en", "--allow-partial", "--preview", "-q", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    page = read(project / "build" / "proof.html")
    cards = [" ".join("".join(s).split()) for s in page.sections]
    so = next(c for c in cards if "so" in c.split())
    assert "Partial: left in English: faq.how-long.question" in so
    done = run("--project", project, "build", "--preview", "-q", "--out", tmp_path / "b", cwd=tmp_path)
    text = " ".join(read(tmp_path / "b" / "proof.html").text)
    assert "so not built: its catalog is incomplete" in text


def test_one_edition_is_one_edition():
    assert proof._count(1, "edition") == "1 edition" and proof._count(5, "edition") == "5 editions"


def test_every_value_on_the_page_is_escaped():
    hostile = '<script>alert(1)</script>"&\u202e'
    o = Output(Path("x") / "x.pl.screen.pdf", b"", leaflet='x"><img src=y>', languages=("pl",), format="screen",
               pages=4, sheets=4, body_size=11, warnings=(hostile,), english_blocks=(hostile,))
    html = proof.page([(proof.Edition((o,)), [Path("previews") / 'a"b<.png'])], [hostile])
    page = Page()
    page.feed(html)
    assert "script" not in page.tags and page.tags.count("img") == 1
    text = "".join(page.text)
    assert "<script>alert(1)</script>\"&\\u202e" in text and "\u202e" not in html
    assert page.images[0]["src"] == "previews/a%22b%3C.png"


def test_previews_are_the_same_bytes_every_time(preview_build, tmp_path):
    out, _ = preview_build
    again = tmp_path / "again"
    done = run("build", SEED, "--lang", "en", "--lang", "pl", "--lang", "ur", "--bilingual", "flip",
               "--preview", "--out", again, "-j", "1")
    assert done.returncode == 0, done.stderr
    digest = lambda root: {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                           for p in root.rglob("*") if p.is_file()}
    assert digest(out) == digest(again)
