"""Bad arguments, bad files and hostile translations, through the command line."""
import pytest

from .cases import SEED, line_of
from .project import copy_project, refused, run, snapshot


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("cli") / "project")


@pytest.mark.parametrize("args", [
    ("build", "content/serious-case-reviews.yaml", "--lang", "en/../../../x", "--out", "out"),
    ("build", "--lang", "pl", "--lang", "../../etc", "--out", "out"),
    ("init", "--lang", "en-../../x"),
    ("init", "--lang", "en-abcde/../../../x"),
    ("update", "--lang", "en-abcde/../../../x"),
    ("check", "--lang", "../../x"),
    ("status", "--lang", ".."),
    ("check", "--lang", "pl\x1b[2J"),
    ("update", "--lang", "/tmp/x"),
], ids=lambda a: " ".join(a)[:40])
def test_a_language_code_is_a_tag_before_it_touches_a_path(project, args):
    before = snapshot(project.parent)
    line = refused(run(project, *args), contains="is not a language code")
    assert line.startswith("error: --lang: '")
    assert snapshot(project.parent) == before


def test_out_naming_an_existing_file(project):
    (project / "out.txt").write_text("keep me\n")
    refused(run(project, "build", "content/serious-case-reviews.yaml", "--out", "out.txt"), "out.txt",
            contains="exists and is not a folder")
    assert (project / "out.txt").read_text() == "keep me\n"
    refused(run(project, "build", "content/serious-case-reviews.yaml", "--out", "out.txt/sub", "--lang", "en"),
            "out.txt/sub", contains="cannot create folder: Not a directory")


@pytest.mark.parametrize("data", [b"hello\n", b"%PDF-1.7\n1 0 obj\n<<>>\n", None], ids=["text", "stub", "cut"])
def test_check_pdf_on_a_broken_file_is_one_clean_line(project, tmp_path, data):
    if data is None:  # a real screen PDF cut short
        done = run(project, "build", "content/serious-case-reviews.yaml", "--lang", "en", "--out", tmp_path / "b")
        assert done.returncode == 0, done.stderr
        data = (tmp_path / "b/serious-case-reviews/serious-case-reviews.en.screen.pdf").read_bytes()[:20000]
    (tmp_path / "broken.pdf").write_bytes(data)
    refused(run(project, "check-pdf", tmp_path / "broken.pdf"), str(tmp_path / "broken.pdf"),
            contains="cannot be read as a PDF")


def test_check_pdf_on_a_missing_file(project, tmp_path):
    refused(run(project, "check-pdf", tmp_path / "none.pdf"), str(tmp_path / "none.pdf"), contains="cannot read")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """A project whose Polish catalogs came back broken: a stray '}' in a label,
    and ESC and BEL in a paragraph."""
    p = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    labels = p / "translations/pl/LC_MESSAGES/leaflet.po"
    text = labels.read_text(encoding="utf-8")
    assert 'msgstr "Strona {page} z {pages}"' in text
    labels.write_text(text.replace('msgstr "Strona {page} z {pages}"', 'msgstr "Strona {page} z {pages}}"'),
                      encoding="utf-8")
    po = p / "translations/pl/LC_MESSAGES/serious-case-reviews.po"
    text = po.read_text(encoding="utf-8")
    start = text.index('msgctxt "serious-case-reviews:front.subtitle"')
    at = text.index('msgstr "', start) + len('msgstr "')
    po.write_text(text[:at] + "\x1b]0;pwned\x07\x1b[2J" + text[at:], encoding="utf-8")
    return p


def test_check_rejects_a_stray_brace_and_shows_control_characters_escaped(hostile):
    done = run(hostile, "check", "--lang", "pl")
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert not any(c in done.stderr + done.stdout for c in "\x1b\x07"), repr(done.stderr)
    assert "placeholders are broken: Single '}'" in done.stderr
    assert "U+001B" in done.stderr


def test_a_build_never_prints_the_broken_label(hostile):
    before = snapshot(hostile)
    refused(run(hostile, "build", "content/serious-case-reviews.yaml", "--lang", "pl", "--out", "out"),
            "translations/pl/LC_MESSAGES/serious-case-reviews.po", contains="the pl catalog is incomplete")
    assert snapshot(hostile) == before


def test_extract_with_an_impossible_date(tmp_path):
    p = copy_project(tmp_path / "project")
    (p / "content/serious-case-reviews.yaml").write_text(SEED.replace("updated: 2026-11-26", "updated: 2026-13-45"),
                                                         encoding="utf-8")
    before = snapshot(p)
    for command in ("extract", "update", "status"):
        refused(run(p, command), "content/serious-case-reviews.yaml", line_of("updated:"), "is not a date")
    assert snapshot(p) == before


def test_a_tag_that_only_starts_like_english_is_not_english(project):
    """`enx` is a well-formed tag for another language: unknown here, so refused, not built as English."""
    before = snapshot(project)
    refused(run(project, "build", "content/serious-case-reviews.yaml", "--lang", "enx", "--out", "out"),
            contains="unknown language 'enx'")
    assert snapshot(project) == before


def test_a_language_named_twice_is_built_once(project, tmp_path):
    import json

    done = run(project, "build", "content/serious-case-reviews.yaml", "--lang", "en", "--lang", "en",
               "--out", tmp_path / "twice")
    assert done.returncode == 0, done.stderr
    files = [f["file"] for f in json.loads((tmp_path / "twice/manifest.json").read_text())["files"]]
    assert sorted(files) == ["serious-case-reviews/serious-case-reviews.en.print.pdf",
                             "serious-case-reviews/serious-case-reviews.en.screen.pdf"]
    assert done.stdout.count("wrote") == 3


def test_a_character_no_font_has_points_at_the_catalog_entry_that_holds_it(tmp_path):
    """Cherokee in a Polish paragraph: the error names the .po file and the line of
    its entry (where the translator must fix it), not the English YAML line."""
    p = copy_project(tmp_path / "project")
    po = p / "translations/pl/LC_MESSAGES/serious-case-reviews.po"
    text = po.read_text(encoding="utf-8")
    start = text.index('msgctxt "serious-case-reviews:front.subtitle"')
    at = text.index('msgstr "', start) + len('msgstr "')
    po.write_text(text[:at] + "\u13a0" + text[at:], encoding="utf-8")
    first = text[:text.rfind("\n\n", 0, start) + 2].count("\n") + 1  # the entry's comments, then msgctxt
    last = text[:start].count("\n") + 1
    before = snapshot(p)
    m = refused(run(p, "build", "content/serious-case-reviews.yaml", "--lang", "pl", "--out", "out"),
                "translations/pl/LC_MESSAGES/serious-case-reviews.po", contains="U+13A0")
    assert first <= int(m["line"]) <= last, m.group(0)
    assert snapshot(p) == before
