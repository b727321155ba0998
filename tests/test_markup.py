import pytest
from hypothesis import given, strategies as st

from leaflet import markup
from leaflet.markup import MarkupError, Span, parse, plain


def test_bold_emphasis_and_links():
    spans = parse("The **LSCB** is *here*: [read more](https://example.org/a).")
    assert [(s.text, s.bold, s.italic, s.href) for s in spans] == [
        ("The ", False, False, None), ("LSCB", True, False, None), (" is ", False, False, None),
        ("here", False, True, None), (": ", False, False, None),
        ("read more", False, False, "https://example.org/a"), (".", False, False, None)]


@pytest.mark.parametrize("hostile", [
    '<img src="/etc/passwd">', "<b>bold?</b> & <font size=400 color=white>x</font>", "&amp; &lt; <a href='x'>",
    "<para>", "]]>", "%(name)s {0}",
])
def test_angle_brackets_and_entities_are_literal_text(hostile):
    assert parse(hostile) == (Span(hostile),)


@pytest.mark.parametrize("text, column", [
    ("**open", 1), ("a *b", 3), ("[x](javascript:alert(1))", 5), ("[x](file:///etc/passwd)", 5),
    ("[dangling", 1), ("[](https://a.org)", 1),
])
def test_malformed_or_unsafe_markup_is_refused(text, column):
    with pytest.raises(MarkupError) as exc:
        parse(text)
    assert exc.value.column == column


def test_backslash_makes_markers_literal():
    assert plain(parse(r"5 \* 3 and \[x\]")) == "5 * 3 and [x]"


def test_contact_data_becomes_links_of_its_kind():
    spans = parse("Call 020 8547 6111, write to a.b@c.gov.uk or see www.example.org/x.")
    data = [(s.text, s.kind, s.href) for s in spans if s.is_data]
    assert data == [("020 8547 6111", "phone", "tel:+442085476111"),
                    ("a.b@c.gov.uk", "email", "mailto:a.b@c.gov.uk"),
                    ("www.example.org/x", "url", "https://www.example.org/x")]


def test_years_and_plain_numbers_are_not_phone_numbers():
    assert not any(s.is_data for s in parse("Working Together, 2006 – Chapter 8, 6 to 9 months"))


def test_structure_lists_styles_and_link_targets():
    assert markup.structure(parse("a **b** [c](https://x.org)")) == (("bold",), ("link:https://x.org",))


@given(st.text(alphabet=st.characters(blacklist_characters="*[\\"), max_size=200))
def test_text_without_markers_round_trips_exactly(text):
    assert plain(parse(text)) == text


@given(st.text(max_size=120))
def test_parse_either_succeeds_or_raises_markup_error(text):
    try:
        spans = parse(text)
    except MarkupError:
        return
    assert all(s.text for s in spans)
