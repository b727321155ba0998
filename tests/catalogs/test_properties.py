"""Property-based tests: whatever bytes come back from a translator, only the
project's own error escapes the reader and the checks; whatever we write reads
back the same, with our reader and with polib."""
import polib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leaflet.catalogs import checks, pofile, powrite
from leaflet.catalogs.pofile import Entry
from leaflet.errors import LeafletError

HEADER = 'msgid ""\nmsgstr ""\n"Language: pl\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
TOKENS = ['msgid ', 'msgstr ', 'msgctxt ', 'msgid_plural ', 'msgstr[0] ', 'msgstr[9] ', '"', '\\', '\\"', '\\n',
          '\\x4', '\\777', '\\q', '#', '#~ ', '#| ', '#, fuzzy', '#. ', '#: ', '\n', '\r', '\r\n', ' ', '\t', 'a',
          'ż', '؟', '\u202e', '\x00', '\ufeff', 'charset=', 'ISO-8859-2', 'x-nonsense', '"Content-Type: ']
settings.register_profile("leaflet", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("leaflet")


def survives(data: bytes):
    try:
        pofile.parse(data, "fuzz.po")
    except LeafletError as exc:
        assert str(exc).startswith("fuzz.po")


@given(st.lists(st.sampled_from(TOKENS), max_size=60))
def test_reader_never_fails_but_with_our_error(tokens):
    survives((HEADER + "".join(tokens)).encode("utf-8"))


@given(st.binary(max_size=300))
def test_reader_on_any_bytes(data):
    survives(HEADER.encode() + data)
    survives(data)


printable = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029\x85")
                    | st.sampled_from("\n\t\"\\"), max_size=200)
one_line = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\x85"),
                   max_size=60)


@st.composite
def entries(draw):
    out, seen = [], set()
    for i in range(draw(st.integers(1, 6))):
        msgid = draw(printable.filter(bool))
        context = draw(st.none() | printable)
        if (context, msgid) in seen:
            continue
        seen.add((context, msgid))
        fuzzy = draw(st.booleans())
        out.append(Entry(msgid, draw(printable), context=context, flags=("fuzzy",) if fuzzy else (),
                         previous=draw(st.none() | printable) if fuzzy else None,
                         comments=tuple(draw(st.lists(one_line.map(str.strip), max_size=2))),
                         obsolete=draw(st.booleans())))
    return out


@given(entries())
def test_what_we_write_reads_back_the_same_with_our_reader_and_polib(written):
    header = Entry("", "Language: pl\nContent-Type: text/plain; charset=UTF-8\n")
    data = powrite.write([header, *written])
    read = pofile.parse(data, "x.po")
    key = lambda e: (e.obsolete, e.context, e.msgid, e.msgstr, e.fuzzy, e.previous, e.comments)  # noqa: E731
    assert sorted(map(key, read.entries), key=repr) == sorted(map(key, written), key=repr)
    theirs = polib.pofile(data.decode("utf-8"))
    assert sorted((repr((e.obsolete == 1, e.msgctxt, e.msgid, e.msgstr)) for e in theirs if e.msgid or e.msgctxt)) \
        == sorted(repr((e.obsolete, e.context, e.msgid, e.msgstr)) for e in written)
    assert powrite.write([read.header_entry, *read.entries]) == data  # our own output is a fixed point


@given(st.text(max_size=300), st.sampled_from([
    "We are required to produce an **Executive Summary**, which outlines the key findings.",
    "Page {page} of {pages}", "see [the guidance](https://www.gov.uk/guidance) for more", "Telephone"]))
def test_checks_never_fail_but_with_a_list_of_problems(text, english):
    found = checks.check_entry(Entry(english, text), english, "pl.po")
    assert isinstance(found, list) and all(isinstance(p, str) for p in found)
