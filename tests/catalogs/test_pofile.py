import pytest

from leaflet.catalogs import pofile
from leaflet.errors import LeafletError

HEADER = 'msgid ""\nmsgstr ""\n"Language: pl\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def parse(body: str | bytes):
    data = body if isinstance(body, bytes) else (HEADER + body).encode()
    return pofile.parse(data, "pl.po")


def test_entries_with_context_flags_previous_and_obsolete():
    po = parse('#. note\n#: content/x.yaml:3\n#, fuzzy\n#| msgid "Old"\nmsgctxt "x:a"\nmsgid "New"\n'
               'msgstr "Nowe \\"słowo\\"\\n"\n\n#~ msgctxt "x:b"\n#~ msgid "Gone"\n#~ msgstr "Było"\n')
    a, b = po.entries
    assert (a.context, a.msgid, a.msgstr, a.fuzzy, a.previous) == ("x:a", "New", 'Nowe "słowo"\n', True, "Old")
    assert a.line == 6 and a.auto_comments == ("note",) and a.locations == ("content/x.yaml:3",)
    assert b.obsolete and b.msgstr == "Było"
    assert po.header["Language"] == "pl"


@pytest.mark.parametrize("body, message", [
    ('msgctxt "a"\nmsgid "Hello"\nmsgstr "Cze\n', r"pl.po:8: unterminated string"),
    ('msgctxt "a"\nmsgid "Hello"\nmsgstr "A"\n\nmsgctxt "a"\nmsgid "Hello"\nmsgstr "B"\n',
     r"pl.po:10: duplicate entry for msgctxt 'a' \(first on line 6\)"),
    ('msgid "Hello"\nmsgstr "a\\qb"\n', r"unknown escape '\\q'"),
    ('msgid "Hello"\nmsgstr "a"b"\n', r'unescaped " inside a string'),
    ('msgid "Hello"\n', r"entry without msgstr"),
    ('msgid "Hello"\nmsgstr "x"\nmsgstr "y"\n', r"'msgstr' appears twice"),
    ('msgid "Hello"\nmsgstr "x"\n<script>\n', r"cannot read this line"),
    ('msgid "Hello"\nmsgstr "ends with backslash\\"\n', r"unterminated string"),
])
def test_malformed_catalogs_are_refused_with_file_and_line(body, message):
    with pytest.raises(LeafletError, match=message):
        parse(body)


def test_bad_encoding_and_foreign_charset():
    with pytest.raises(LeafletError, match=r"pl.po:7: not valid UTF-8"):
        parse((HEADER + 'msgid "Hello"\nmsgstr "').encode() + b"\xff\xfe\"\n")
    latin = HEADER.replace("UTF-8", "ISO-8859-2") + 'msgid "Hello"\nmsgstr "Cześć, źdźbło"\n'
    assert parse(latin.encode("iso-8859-2")).entries[0].msgstr == "Cześć, źdźbło"
    with pytest.raises(LeafletError, match=r"pl.po:4: unknown charset 'KLINGON'"):
        parse(HEADER.replace("UTF-8", "KLINGON").encode())


def test_size_cap():
    with pytest.raises(LeafletError, match="over the"):
        pofile.parse(b"#" * (pofile.MAX_BYTES + 1), "big.po")


# What GNU gettext accepts (each sample checked with msgfmt --check, gettext 0.21), we accept.
ACCEPTED = {
    "no blank line between entries": 'msgctxt "a"\nmsgid "One"\nmsgstr "Jeden"\nmsgctxt "b"\nmsgid "Two"\nmsgstr "Dwa"\n',
    "comment-only block": 'msgctxt "a"\nmsgid "One"\nmsgstr "Jeden"\n\n# a note to myself\n\n'
                          'msgctxt "b"\nmsgid "Two"\nmsgstr "Dwa"\n',
    "trailing comment": 'msgctxt "a"\nmsgid "One"\nmsgstr "Jeden"\n\nmsgctxt "b"\nmsgid "Two"\nmsgstr "Dwa"\n\n# end\n',
    "indented lines": '  msgctxt "a"\n\tmsgid "One"\n    msgstr ""\n      "Jed"\n\t"en"\nmsgctxt "b"\nmsgid "Two"\n'
                      'msgstr "Dwa"\n',
    "several strings on a line": 'msgctxt "a"\nmsgid "One"\nmsgstr "Jed" "en"\nmsgctxt "b"\nmsgid "Two"\n'
                                 'msgstr "Dwa"\n',
    "no final newline": 'msgctxt "a"\nmsgid "One"\nmsgstr "Jeden"\n\nmsgctxt "b"\nmsgid "Two"\nmsgstr "Dwa"',
}


@pytest.mark.parametrize("name", ACCEPTED)
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_what_gettext_accepts_is_read(name, newline):
    data = (HEADER + ACCEPTED[name]).replace("\n", newline).encode()
    po = pofile.parse(data, "pl.po")
    assert [(e.context, e.msgid, e.msgstr) for e in po.entries] == [("a", "One", "Jeden"), ("b", "Two", "Dwa")]
    assert po.header["Language"] == "pl"


@pytest.mark.parametrize("data, message", [
    (HEADER + 'msgctxt "a"\nmsgid "One"\nmsgstr "Jed', r"pl.po:8: unterminated string"),
    (HEADER + 'msgctxt "a"\nmsgid "One"\n', r"pl.po:6: entry without msgstr \(is the file cut short\?\)"),
    (HEADER + 'msgctxt "a"\nmsgid "One"\nmsgstr "A"\nmsgctxt "a"\nmsgid "One"\nmsgstr "B"\n',
     r"pl.po:9: duplicate entry for msgctxt 'a' \(first on line 6\)"),
    (HEADER + 'msgid "One"\nmsgctxt "a"\nmsgstr "A"\n', r"pl.po:7: 'msgctxt' after 'msgid'"),
    (HEADER + 'msgstr "A"\n', r"pl.po:6: 'msgstr' appears twice in one entry"),
    (HEADER + 'msgctxt "a"\nmsgstr "A"\n', r"pl.po:7: 'msgstr' without a msgid"),
    (HEADER + 'msgctxt "a"\nmsgid "One"\n#~ msgstr "A"\n', r"pl.po:8: an entry mixes obsolete"),
])
def test_what_makes_a_file_ambiguous_is_refused_with_its_line(data, message):
    with pytest.raises(LeafletError, match=message):
        parse(data.encode())


def test_bytes_that_do_not_decode_in_the_declared_charset():
    data = HEADER.replace("UTF-8", "ISO-8859-2") + 'msgid "a"\nmsgstr "b"\n'
    assert pofile.parse(data.encode() + b'msgid "c"\nmsgstr "\xb1"\n', "pl.po").entries[1].msgstr == "ą"
    with pytest.raises(LeafletError, match=r"pl.po:7: not valid Shift_JIS"):
        pofile.parse(HEADER.replace("UTF-8", "Shift_JIS").encode() + b'msgid "a"\nmsgstr "\x81"\n', "pl.po")
