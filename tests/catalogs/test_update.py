"""`update` on the real catalogs and realistic edits: a changed paragraph, a
renamed id, a removed and restored block, a new block. Every file written is
read back by polib, translate-toolkit and our reader."""
import pytest

from leaflet import content
from leaflet.catalogs import merge, pofile, powrite, workflow
from leaflet.errors import LeafletError

from catalogs.parsers import read_everywhere
from conftest import ROOT, SEED

CTX = "serious-case-reviews:"
CHANGED = CTX + "faq.what-is-kscb.required-to-review"
RENAMED_FROM, RENAMED_TO = CTX + "faq.what-is-scr.looks-at", CTX + "faq.what-is-scr.looks-closely-at"
REMOVED = CTX + "faq.what-is-scr.considers"
NEW = CTX + "faq.what-is-scr.timescale"
LANGUAGES = sorted(p.name for p in (ROOT / "translations").iterdir() if p.is_dir())  # folder names


def edit(data):
    answers = {s["id"]: s["answer"] for s in data["sections"]}
    answers["what-is-kscb"][1]["text"] = answers["what-is-kscb"][1]["text"].replace(
        "when a child has died", "when a child has died or been seriously injured")
    scr = answers["what-is-scr"]
    assert [a["id"] for a in scr] == ["looks-at", "considers"]
    scr[0]["id"] = "looks-closely-at"
    scr[1:] = [{"id": "timescale", "text": "A Serious Case Review usually takes six months, and sometimes longer "
                                           "when a criminal trial has to finish first."}]


@pytest.fixture(autouse=True)
def at_root(monkeypatch):
    monkeypatch.chdir(ROOT)  # `#:` locations are relative to where the command runs, as the CLI's are


def seed():
    return content.load(SEED.relative_to(ROOT))


def write(files):
    for path, data in files:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return {path: read_everywhere(data, str(path)) for path, data in files}


def before(translations, lang):
    path = translations / lang / "LC_MESSAGES" / "serious-case-reviews.po"
    return {e.key: e for e in pofile.read(path).active()}


def test_realistic_edits_keep_every_catalog_valid_and_every_translation(translations, write_content):
    pl = translations / "pl" / "LC_MESSAGES" / "serious-case-reviews.po"
    text = pl.read_text(encoding="utf-8")
    at = text.index(f'msgctxt "{CHANGED}"')
    at = text.rindex("\n\n", 0, at) + 2
    pl.write_text(text[:at] + "# Checked against the council's glossary (A.N.)\n" + text[at:], encoding="utf-8")
    old = {lang: before(translations, lang) for lang in LANGUAGES}

    edited = content.load(write_content(edit))
    read = write(workflow.update([edited], None))
    assert len(read) == 2 * len(LANGUAGES)
    for lang in LANGUAGES:
        entries = read[translations / lang / "LC_MESSAGES" / "serious-case-reviews.po"]
        prior = old[lang]
        msgid, msgstr, fuzzy, previous, previous_ctx = entries[(CHANGED, False)]
        assert (msgstr, fuzzy, previous) == (prior[CHANGED].msgstr, True, prior[CHANGED].msgid), lang
        assert "or been seriously injured" in msgid and len(previous) > 300
        msgid, msgstr, fuzzy, previous, previous_ctx = entries[(RENAMED_TO, False)]
        assert (msgstr, fuzzy, previous_ctx) == (prior[RENAMED_FROM].msgstr, True, RENAMED_FROM), lang
        assert (RENAMED_FROM, True) not in entries and (RENAMED_FROM, False) not in entries
        assert entries[(REMOVED, True)][1] == prior[REMOVED].msgstr
        assert entries[(NEW, False)][1:3] == ("", False)
    po = pofile.read(pl)
    assert next(e for e in po.entries if e.key == CHANGED).comments == ("Checked against the council's glossary (A.N.)",)
    assert b'#| msgid ""\n#| "Kingston Safeguarding Children Board (KSCB) is required' in pl.read_bytes()

    read = write(workflow.update([seed()], None))  # the block comes back, the id is renamed back
    for lang in LANGUAGES:
        entries = read[translations / lang / "LC_MESSAGES" / "serious-case-reviews.po"]
        assert entries[(REMOVED, False)][1:3] == (old[lang][REMOVED].msgstr, False), lang  # reviewed, same English
        assert entries[(RENAMED_FROM, False)][1:3] == (old[lang][RENAMED_FROM].msgstr, True)
        assert entries[(CHANGED, False)][1:3] == (old[lang][CHANGED].msgstr, True)
        assert (NEW, False) not in entries and (REMOVED, True) not in entries


def test_update_with_no_english_change_leaves_the_shipped_catalogs_byte_identical(translations):
    for path, data in workflow.update([seed()], None):
        assert data == path.read_bytes(), path


@pytest.mark.parametrize("folder", ["pl", "ur", "zh_Hans", "ta"])
def test_a_catalog_saved_by_poedit_comes_back_byte_identical(folder):
    # tests/data/poedit/: catalogs as Poedit saves them (through msgcat), and the template they were made from
    here = ROOT / "tests" / "data" / "poedit"
    saved = (here / f"{folder}.po").read_bytes()
    pot = pofile.read(here / "serious-case-reviews.pot")
    merged = merge.merge_po(list(pot.entries), "serious-case-reviews", "1", pot.header["POT-Creation-Date"],
                            pofile.parse(saved, f"{folder}.po"), folder.replace("_", "-"))
    assert powrite.write(merged) == saved


def spoil(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_obsolete_entry_never_replaces_a_reviewed_translation(translations):
    pl = translations / "pl" / "LC_MESSAGES" / "serious-case-reviews.po"
    reviewed = before(translations, "pl")[CTX + "front.title"]
    text = pl.read_text(encoding="utf-8")
    # the same block and English twice, active and obsolete: gettext refuses the file, and so do we
    pl.write_text(text + f'\n#~ msgctxt "{CTX}front.title"\n#~ msgid "Serious Case Reviews"\n'
                         '#~ msgstr "Zadzwoń +48 22 123 45 67"\n', encoding="utf-8")
    with pytest.raises(LeafletError, match=r"serious-case-reviews.po:\d+: duplicate entry for msgctxt "
                                           r"'serious-case-reviews:front.title' \(first on line 2\d\)"):
        workflow.update([seed()], "pl")
    # an obsolete entry for the current English, beside an active one made for older English
    pl.write_text(text.replace('msgid "Serious Case Reviews"\nmsgstr', 'msgid "Serious Case Review"\nmsgstr', 1)
                  + f'\n#~ msgctxt "{CTX}front.title"\n#~ msgid "Serious Case Reviews"\n'
                    '#~ msgstr "Zadzwoń +48 22 123 45 67"\n', encoding="utf-8")
    entries = write(workflow.update([seed()], "pl"))[pl]
    assert entries[(CTX + "front.title", False)][1:4] == (reviewed.msgstr, True, "Serious Case Review")
    assert (CTX + "front.title", True) not in entries  # not written beside it: that file would be refused


def test_a_returning_block_comes_back_fuzzy_when_its_obsolete_text_fails_the_checks(translations, write_content):
    pl = translations / "pl" / "LC_MESSAGES" / "serious-case-reviews.po"
    write(workflow.update([content.load(write_content(edit))], "pl"))
    po = pofile.read(pl)
    gone = next(e for e in po.entries if e.obsolete and e.key == REMOVED)
    spoil(pl, "#~ msgstr", "#~ msgstr \"Zadzwoń pod 020\u00a07946\u200c0000. \"\n#~")
    entries = write(workflow.update([seed()], "pl"))[pl]
    assert entries[(REMOVED, False)][2] is True  # fuzzy: never printed
    assert gone.msgstr in entries[(REMOVED, False)][1]


def test_header_values_with_backslashes_and_quotes_round_trip(translations):
    pl = translations / "pl" / "LC_MESSAGES" / "serious-case-reviews.po"
    spoil(pl, '"Language: pl\\n"\n', '"Language: pl\\n"\n"X-Source: C:\\\\leaflets\\\\ \\"draft\\"\\n"\n')
    files = workflow.update([seed()], "pl")
    write(files)
    assert pofile.read(pl).header["X-Source"] == 'C:\\leaflets\\ "draft"'
    assert dict(workflow.update([seed()], "pl"))[pl] == pl.read_bytes()


def test_a_catalog_in_iso_8859_2_is_read_and_written_back_as_utf_8(translations):
    pl = translations / "pl" / "LC_MESSAGES" / "serious-case-reviews.po"
    utf8 = pl.read_bytes()
    text = utf8.decode("utf-8").replace("charset=utf-8", "charset=ISO-8859-2")
    for c in "„”“–":  # what Latin-2 cannot hold
        text = text.replace(c, "'")
    pl.write_bytes(text.encode("iso-8859-2"))
    before_update = {e.key: e.msgstr for e in pofile.read(pl).active()}
    out = dict(workflow.update([seed()], "pl"))[pl]
    assert b"charset=UTF-8" in out and out.decode("utf-8")
    assert {k: v[1] for (k, obsolete), v in read_everywhere(out).items() if not obsolete} == before_update
