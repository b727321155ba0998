"""The writer against GNU msgcat (gettext 0.21): tests/data/msgcat-wrapping.json and
msgcat-entries.po hold what msgcat wrote for these strings and entries (recorded
with msgcat; CI has no gettext), including where ICU's Unicode 15.1 line-break
rules and libunistring's older ones differ."""
import json

import pytest

from leaflet.catalogs import pofile, powrite

from conftest import ROOT

DATA = ROOT / "tests" / "data"
CASES = json.loads((DATA / "msgcat-wrapping.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", CASES)
def test_strings_wrap_as_msgcat_wraps_them(name):
    text, lines = CASES[name]
    assert powrite.wrapped("", "msgstr", text) == lines
    assert all(len(line) <= 79 or not line.isascii() for line in lines)


def test_entries_are_written_as_msgcat_writes_them():
    # translator comments, notes, flags, previous msgctxt/msgid, no-wrap, obsolete with #~|, a long header line
    saved = (DATA / "msgcat-entries.po").read_bytes()
    po = pofile.parse(saved, "msgcat-entries.po")
    assert powrite.write([po.header_entry, *po.entries]) == saved
    gone = po.entries[-1]
    assert gone.obsolete and gone.fuzzy and gone.previous.startswith("Older English")


def test_obsolete_entries_go_last():
    from leaflet.catalogs.pofile import Entry

    data = powrite.write([Entry("", "Language: pl\n"), Entry("a", "A", obsolete=True), Entry("b", "B")])
    assert data.decode().index('msgid "b"') < data.decode().index('#~ msgid "a"')
