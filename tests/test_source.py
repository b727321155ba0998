import pytest

from leaflet import source
from leaflet.errors import LeafletError


def test_values_keep_their_line_numbers():
    root = source.loads("a: 1\nb:\n  - x\n  - y: z\n", "f.yaml")
    b = root.mapping(("a", "b"))["b"]
    assert b.line == 3
    assert b.items()[1].value["y"].line == 4
    assert b.items()[1].value["y"].path == "b[1].y"


def test_syntax_error_names_file_and_line():
    with pytest.raises(LeafletError) as exc:
        source.loads("a: 1\nb: [unclosed\nc: 2\n", "f.yaml")
    assert str(exc.value).startswith("f.yaml:")
    assert "YAML syntax error" in str(exc.value)


def test_duplicate_key_is_an_error_not_a_silent_overwrite():
    with pytest.raises(LeafletError, match=r"f.yaml:3: title: duplicate key 'title' \(first on line 1\)"):
        source.loads("title: A\nother: B\ntitle: C\n", "f.yaml")


def test_unknown_key_suggests_the_near_miss():
    root = source.loads("titel: A\n", "f.yaml")
    with pytest.raises(LeafletError, match=r"f.yaml:1: titel: unknown key 'titel' \(did you mean 'title'\?\)"):
        root.mapping(("title",))


def test_empty_file_and_bad_encoding(tmp_path):
    with pytest.raises(LeafletError, match="empty"):
        source.loads("", "f.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"title: \xff\xfe\n")
    with pytest.raises(LeafletError, match="not valid UTF-8"):
        source.load(bad)


def test_yaml_tags_that_build_objects_are_refused():
    with pytest.raises(LeafletError):
        source.loads("a: !!python/object/apply:os.system ['true']\n", "f.yaml")


# -- hostile input -----------------------------------------------------------
import datetime  # noqa: E402

from hypothesis import HealthCheck, assume, given, settings, strategies as st  # noqa: E402

from conftest import SEED  # noqa: E402
from leaflet import content  # noqa: E402

SETTINGS = settings(derandomize=True, deadline=None, max_examples=300,
                    suppress_health_check=[HealthCheck.too_slow])
TOKENS = st.sampled_from(["a", "b: ", "- ", "  ", "\n", "[", "]", "{", "}", ", ", ": ", "&x ", "*x", "!!binary ",
                          "!!timestamp ", "!!python/object ", "2026-13-45", "2026-11-26", "'", '"', "\\u202e",
                          "\\x1b", "? ", "<<: ", "---\n", "...\n", "#", "|\n", ">-\n", "\t", "\x1b", "\u202e",
                          "\x00", "1e999", "0x", "~", "null", "yes", "%YAML 1.1\n", "!", "@", "`", "\ufeff"])


@SETTINGS
@given(st.lists(TOKENS, max_size=40).map("".join))
def test_yaml_like_text_raises_only_leaflet_errors(text):
    try:
        source.loads(text, "f.yaml")
    except LeafletError as exc:
        assert "\n" not in str(exc) and str(exc).startswith("f.yaml")


@SETTINGS
@given(st.text(max_size=200))
def test_any_text_raises_only_leaflet_errors(text):
    try:
        source.loads(text, "f.yaml")
    except LeafletError as exc:
        assert "\n" not in str(exc)


@SETTINGS
@given(st.binary(max_size=200))
def test_any_bytes_raise_only_leaflet_errors(tmp_path_factory, data):
    path = tmp_path_factory.getbasetemp() / "any.yaml"
    path.write_bytes(data)
    try:
        source.load(path)
    except LeafletError as exc:
        assert "\n" not in str(exc)


SEED_LINES = SEED.read_text(encoding="utf-8").splitlines(keepends=True)


@settings(derandomize=True, deadline=None, max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, len(SEED_LINES) - 1), st.lists(TOKENS, max_size=8).map("".join))
def test_the_leaflet_with_one_line_broken_raises_only_leaflet_errors(index, junk):
    """The real leaflet, one line replaced or spliced with junk: loads, or one located error."""
    lines = list(SEED_LINES)
    line = lines[index]
    cut = len(line) // 2
    lines[index] = line[:cut] + junk + line[cut:]
    try:
        leaflet = content.from_node(source.loads("".join(lines), "f.yaml"))
    except LeafletError as exc:
        # several mistakes found in one run are one located line each (issue 11)
        found = getattr(exc, "errors", [exc])
        assert all("\n" not in str(e) and str(e).startswith("f.yaml:") for e in found), str(exc)
    else:
        assert leaflet.id and (leaflet.updated is None or isinstance(leaflet.updated, datetime.date))


def test_an_alias_bomb_is_refused_before_anything_is_expanded():
    # a billion laughs: 9^9 strings if expanded; refused at the first anchor
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)]
    with pytest.raises(LeafletError, match=r"f.yaml:1: YAML anchor '&a0' is not allowed"):
        source.loads("\n".join(lines), "f.yaml")


@pytest.mark.parametrize("text,message", [
    ("a: 2026-13-45\n", r"f.yaml:1: a: '2026-13-45' is not a date like 2026-11-26 \(month must be in 1..12\)"),
    ("a: b\nc: " + "[" * 100 + "]" * 100 + "\n", r"f.yaml:2: nested more than 40 levels deep"),
    ("a: !!binary aGk=\n", r"f.yaml:1: a: YAML tag '!!binary' is not allowed \(binary data"),
    ("a: ok\nb: x\x1by\n", r"f.yaml:2: character U\+001B \(control character\) is not allowed in a source file "
                            r"\(column 5\)"),
    ('a: "x\\u2066y"\n', r"f.yaml:1: a: character U\+2066 \(LEFT-TO-RIGHT ISOLATE\) is not allowed"),
    ("a: *nothing\n", r"f.yaml:1: YAML alias '\*nothing' is not allowed"),
])
def test_hostile_yaml_is_one_located_line(text, message):
    with pytest.raises(LeafletError, match=message):
        source.loads(text, "f.yaml")


def test_non_utf8_names_the_line_and_column(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"a: 1\nb: caf\xe9\n")
    with pytest.raises(LeafletError, match=r"bad.yaml:2: not valid UTF-8: byte 0xe9 at column 7"):
        source.load(bad)


def test_what_a_value_is_is_said_plainly():
    root = source.loads("a: 2026-01-01\nb: 2026-01-01 10:00:00\n", "f.yaml")
    with pytest.raises(LeafletError, match="must be text, got a date$"):
        root.value["a"].text()
    with pytest.raises(LeafletError, match="must be text, got a date and time$"):
        root.value["b"].text()


def _read_with(kind, text):
    """What one of the two loaders makes of `text`: the nodes, or the kind of failure."""
    try:
        return source._load(kind, text, "f.yaml")
    except LeafletError as exc:
        return str(exc)
    except Exception as exc:  # a YAML error: `loads` words it with PyYAML's parser
        return "YAML error"


YAML_FILES = sorted([*SEED.parent.glob("*.yaml"), *(SEED.parent.parent / "layouts").glob("*.yaml"),
                     SEED.parent.parent / "fonts" / "fonts.yaml"])


@pytest.mark.skipif(source._Fast is source._Loader, reason="PyYAML without libyaml: one loader only")
@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: p.name)
def test_libyaml_reads_every_shipped_file_as_pyyaml_does(path):
    text = path.read_text(encoding="utf-8")
    assert not source.PYYAML_ONLY.search(text)  # so libyaml reads it
    fast = source._load(source._Fast, text, "f.yaml")
    assert fast == source._load(source._Loader, text, "f.yaml")


@pytest.mark.skipif(source._Fast is source._Loader, reason="PyYAML without libyaml: one loader only")
@SETTINGS
@given(st.lists(TOKENS, max_size=40).map("".join))
def test_libyaml_and_pyyaml_agree_on_any_yaml_like_text(text):
    """Same nodes, lines and paths, or both refuse (the error is then PyYAML's wording),
    for any text `loads` gives libyaml: not the characters it refuses before
    parsing, nor what it leaves to PyYAML alone."""
    text = source.FORBIDDEN.sub("", text)
    assume(not source.PYYAML_ONLY.search(text))
    assert _read_with(source._Fast, text) == _read_with(source._Loader, text)
