"""Property tests: whatever the text, the markup parser raises only its own
error, and the English-prose rules, tag check and label check only report."""
from hypothesis import HealthCheck, given, settings, strategies as st

from leaflet import labels, markup, prose, tags
from leaflet.errors import LeafletError, printable

SETTINGS = settings(derandomize=True, deadline=None, max_examples=400, suppress_health_check=[HealthCheck.too_slow])
MARKUP = st.lists(st.sampled_from(["*", "**", "[", "]", "(", ")", "](", "\\", "https://a.org", "http://x",
                                   "tel:+44", "mailto:a@b.org", "javascript:", "020 8547 6111", "a@b.org",
                                   "www.x.org", " ", "word", "\u202e", "\x1b", "{", "}", "{page}", "ا", "中"]),
                  max_size=30).map("".join) | st.text(max_size=100)


@SETTINGS
@given(MARKUP)
def test_markup_raises_only_markup_errors_and_keeps_the_text(text):
    try:
        spans = markup.parse(text)
    except markup.MarkupError as exc:
        assert exc.column >= 1
        return
    for span in spans:
        assert span.text
        assert span.href is None or span.href.startswith(markup.SAFE_SCHEMES)
    assert prose.problem(text, spans) is None or isinstance(prose.problem(text, spans), str)


@SETTINGS
@given(MARKUP)
def test_label_placeholders_only_report(text):
    assert labels.placeholder_problem("Page {page} of {pages}", text) is None or text != "Page {page} of {pages}"
    problem = labels.placeholder_problem("Page {page} of {pages}", text)
    if problem is None:  # then formatting it cannot fail
        text.format(page=1, pages=4)


@SETTINGS
@given(st.text(max_size=40))
def test_an_accepted_language_code_is_safe_in_a_path(code):
    try:
        assert tags.validate(code) == code
    except LeafletError as exc:
        assert "\n" not in str(exc) and "\x1b" not in str(exc)
        return
    assert code.replace("-", "").isalnum() and code.isascii() and not code.startswith("-")


@SETTINGS
@given(st.text(max_size=60))
def test_printable_leaves_no_control_character(text):
    shown = printable(text)
    assert not any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 or 0x202A <= ord(c) <= 0x202E or 0x2066 <= ord(c) <= 0x2069
                   for c in shown)
