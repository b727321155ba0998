"""The twelve community-language editions of the seed leaflet."""
import io
import json
import subprocess
import sys

import pytest
from pypdf import PdfReader

from leaflet import build, content, markup
from leaflet.catalogs import languages, review

from conftest import ROOT, SEED, page_texts
from text.pdftext import marked_texts

LANGUAGES = ["ar", "bn", "cy", "fa", "ko", "pa", "pl", "ro", "so", "ta", "ur", "zh-Hans"]


@pytest.fixture(scope="module")
def editions():
    leaflet = content.load(SEED)
    eds, warnings = build.editions_of(leaflet)
    assert warnings == []
    return {e.code: (e, build.make(e)) for e in eds}


def test_all_twelve_catalogs_are_present_and_complete(editions):
    assert review.available("serious-case-reviews") == LANGUAGES
    assert sorted(editions) == sorted(["en"] + LANGUAGES)


@pytest.mark.parametrize("code", LANGUAGES)
def test_edition_language_metadata_and_text(editions, code):
    edition, (screen, printed) = editions[code]
    assert screen.path.name == f"serious-case-reviews.{code}.screen.pdf"
    assert printed.path.name == f"serious-case-reviews.{code}.print.pdf"
    reader = PdfReader(io.BytesIO(screen.data))
    assert reader.trailer["/Root"]["/Lang"] == code
    assert reader.metadata.title == markup.plain(edition.leaflet.title.spans)
    assert reader.metadata.title != "Serious Case Reviews"
    front = page_texts(screen.data)[0]
    lang = languages.get(code)
    line = f"Serious Case Reviews: Information for parents and carers. In {lang.english_name}."
    if edition.rtl:
        # /ViewerPreferences /Direction /R2L makes PDFium read each line with a
        # right-to-left base direction, which turns a left-to-right line's word
        # order round: the line is whole in the tagged text, its words in PDFium's
        assert line in "".join(marked_texts(screen.data).values())
        words = lambda text: {w.strip(".:") for w in text.split()}
        assert words(line) <= words(front)
    else:
        assert line in front
    # every block's text is the translation, set in the edition's language
    english = {b.id: b.text for b in content.load(SEED).blocks()}
    for block in edition.leaflet.blocks():
        assert block.text != english[block.id] or block.id.startswith("contact.") and block.text.isascii()
    assert edition.labels.telephone != "Telephone" or code in ("cy",)
    assert screen.pages % 4 == 0 and printed.sheets == screen.pages // 2


@pytest.mark.parametrize("code", ["pl", "ro", "cy", "so", "bn", "pa", "ta", "ko", "zh-Hans"])
def test_left_to_right_editions_read_back_in_their_language(editions, code):
    edition, (screen, _) = editions[code]
    title = markup.plain(edition.leaflet.title.spans)
    pages = page_texts(screen.data)
    for n in range(len(pages)):  # page furniture sits between a paragraph's two halves
        pages[n] = pages[n].replace(f"{title} · {edition.labels.page_of(n + 1, len(pages))}", "")
    # lines end at spaces, or between CJK characters, or after a hyphen (PDFium reads U+FFFE there)
    squeeze = lambda t: "".join(t.replace("\ufffe", "-").split())
    text = squeeze("".join(pages))
    for block in edition.leaflet.blocks():
        assert squeeze(markup.plain(block.spans)) in text, block.id


@pytest.mark.parametrize("code, direction", [("ar", "rtl"), ("ur", "rtl"), ("fa", "rtl"), ("pl", "ltr")])
def test_direction_follows_the_language(editions, code, direction):
    edition, _ = editions[code]
    assert edition.rtl == (direction == "rtl")


def test_dates_are_in_the_language(editions):
    texts = {code: page_texts(editions[code][1][0].data)[-1] for code in ("en", "cy", "ko", "pl")}
    assert "Updated 26 November 2026" in texts["en"]
    assert "26 Tachwedd 2026" in texts["cy"]
    assert "2026년 11월 26일" in texts["ko"]
    assert "26 listopada 2026" in texts["pl"]


def test_other_languages_are_listed_in_their_own_script(editions):
    front = page_texts(editions["en"][1][0].data)[0]
    for name in ("Polski", "Cymraeg", "বাংলা", "ਪੰਜਾਬੀ", "한국어", "தமிழ்", "Soomaali"):
        assert name in front
    front_pl = page_texts(editions["pl"][1][0].data)[0]
    assert "English" in front_pl and "Polski" not in front_pl.split("Kingston Children")[0].split(":")[-1]


def test_status_and_check_commands(tmp_path):
    done = subprocess.run([sys.executable, str(ROOT / "generate.py"), "status"], capture_output=True, text=True,
                          cwd=ROOT)
    assert done.returncode == 0
    rows = [l.split() for l in done.stdout.splitlines()[1:] if l.startswith("serious-case-reviews ")]
    assert len(rows) == 24 and all(r[3] in ("23/23", "17/17") for r in rows)
    done = subprocess.run([sys.executable, str(ROOT / "generate.py"), "check"], capture_output=True, text=True,
                          cwd=ROOT)
    assert done.returncode == 0 and "0 entries rejected" in done.stdout


def test_partial_build_names_the_file_and_lists_the_english_blocks(tmp_path):
    translations = tmp_path / "translations"
    import shutil
    shutil.copytree(ROOT / "translations", translations)
    po = translations / "so" / "LC_MESSAGES" / "serious-case-reviews.po"
    text = po.read_text(encoding="utf-8")
    start = text.index('msgctxt "serious-case-reviews:faq.how-long.question"')
    end = text.index("\n\n", start)
    po.write_text(text[:start] + text[start:end].rsplit("msgstr", 1)[0] + 'msgstr ""' + text[end:], encoding="utf-8")
    code = _project_of(translations)
    run = lambda *a: subprocess.run([sys.executable, "-c", code, *a], capture_output=True, text=True, cwd=ROOT)
    done = run("build", str(SEED), "--lang", "so", "--out", str(tmp_path / "a"))
    assert done.returncode == 2 and "the so catalog is incomplete: 1 untranslated" in done.stderr
    assert not (tmp_path / "a").exists()
    done = run("build", str(SEED), "--lang", "so", "--allow-partial", "--out", str(tmp_path / "b"))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "b" / "serious-case-reviews" / "serious-case-reviews.so.partial.screen.pdf").exists()
    assert "left in English: faq.how-long.question" in done.stderr
    manifest = json.loads((tmp_path / "b" / "manifest.json").read_text())
    assert manifest["files"][0]["untranslated"] == ["faq.how-long.question"]
    done = run("build", str(SEED), "--out", str(tmp_path / "c"))  # the default build skips it, with a warning
    assert done.returncode == 0 and "so not built: its catalog is incomplete" in done.stderr


def _project_of(translations):
    """The command line on a project folder: the repository's content, these translations."""
    project = translations.parent
    if not (project / "content").exists():
        (project / "content").symlink_to(ROOT / "content")
    return ("import sys; from pathlib import Path; from leaflet.cli import main; "
            f"sys.exit(main(sys.argv[1:], project=Path({str(project)!r})))")


def run_with_translations(translations, *args):
    code = _project_of(translations)
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT)


def test_init_status_and_errors_for_a_new_language(tmp_path):
    import shutil
    translations = tmp_path / "translations"
    shutil.copytree(ROOT / "translations", translations)
    done = run_with_translations(translations, "build", str(SEED), "--lang", "ti", "--out", str(tmp_path / "o"))
    assert done.returncode == 2 and "there is no ti catalog" in done.stderr and "init --lang ti" in done.stderr
    done = run_with_translations(translations, "build", str(SEED), "--lang", "xx", "--out", str(tmp_path / "o"))
    assert done.returncode == 2 and "unknown language 'xx'" in done.stderr
    done = run_with_translations(translations, "init", "--lang", "ti")
    assert done.returncode == 0, done.stderr
    po = (translations / "ti" / "LC_MESSAGES" / "serious-case-reviews.po").read_text(encoding="utf-8")
    assert '"Language: ti\\n"' in po and '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"' in po
    assert po.count('msgstr ""') == 24  # the header and 23 untranslated blocks
    done = run_with_translations(translations, "status", "--lang", "ti")
    rows = {(r[1], r[2]): r[3:] for r in (l.split() for l in done.stdout.splitlines()[1:])}
    assert rows[("ti", "serious-case-reviews")] == ["0/23", "0", "23", "0"]
    assert rows[("ti", "leaflet")] == ["0/17", "0", "17", "0"]
    done = run_with_translations(translations, "init", "--lang", "ti")
    assert done.returncode == 2 and "already exists; use update" in done.stderr
