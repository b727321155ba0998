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
