"""leaflet.writing and build.publish in process: all-or-nothing, recovery from
a journal, the manifest merge, paths that would leave the folder."""
import hashlib
import json
import os
from pathlib import Path

import pytest

from leaflet import build, writing
from leaflet.errors import LeafletError


def output(path, data):
    return build.Output(Path(path), data, "x", ("en",), "screen", 4, 4, 11.0)


def test_a_transaction_writes_every_file_and_leaves_nothing_else(tmp_path):
    writing.transaction(tmp_path / "o", [(Path("a/b.pdf"), b"one"), (Path("c.txt"), b"two")])
    assert (tmp_path / "o/a/b.pdf").read_bytes() == b"one" and (tmp_path / "o/c.txt").read_bytes() == b"two"
    assert sorted(p.name for p in (tmp_path / "o").iterdir()) == ["a", "c.txt"]


def test_a_failure_while_staging_changes_nothing(tmp_path, monkeypatch):
    writing.transaction(tmp_path, [(Path("a.pdf"), b"old")])
    real, calls = os.write, []

    def write(fd, data):
        calls.append(1)
        if len(calls) > 1:
            raise OSError(28, "No space left on device")
        return real(fd, data)

    monkeypatch.setattr(os, "write", write)
    with pytest.raises(LeafletError, match="No space left on device; nothing was written"):
        writing.transaction(tmp_path, [(Path("a.pdf"), b"new"), (Path("d/e.pdf"), b"new")])
    assert (tmp_path / "a.pdf").read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.pdf"]  # no d/, no staging folder


def test_recover_finishes_a_committed_journal_and_drops_aborted_staging(tmp_path):
    staging = tmp_path / (writing.STAGING + "done")
    staging.mkdir()
    (staging / "0").write_bytes(b"new")
    (tmp_path / writing.JOURNAL).write_text(json.dumps({"staging": staging.name, "moves": [["0", "f/a.pdf"]]}))
    (tmp_path / "f").mkdir()
    aborted = tmp_path / (writing.STAGING + "aborted")
    aborted.mkdir()
    (aborted / "0").write_bytes(b"half")
    writing.recover(tmp_path)
    assert (tmp_path / "f/a.pdf").read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f"]


def test_a_journal_cannot_move_files_out_of_the_folder(tmp_path):
    (tmp_path / writing.JOURNAL).write_text(json.dumps({"staging": "s", "moves": [["0", "../../evil"]]}))
    with pytest.raises(LeafletError, match="damaged"):
        writing.recover(tmp_path)


@pytest.mark.parametrize("staging", ["../victim", "/tmp", ".leaflet-staging-x/../../victim", "victim"])
def test_a_journal_cannot_name_a_folder_to_delete_outside(tmp_path, staging):
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "0").write_bytes(b"keep")
    root = tmp_path / "out"
    root.mkdir()
    (root / writing.JOURNAL).write_text(json.dumps({"staging": staging, "moves": [["0", "a.pdf"]]}))
    with pytest.raises(LeafletError, match="damaged"):
        writing.recover(root)
    assert (victim / "0").read_bytes() == b"keep" and not (root / "a.pdf").exists()


@pytest.mark.parametrize("rel", ["../x.pdf", "/etc/x", "a/../../x"])
def test_paths_that_leave_the_folder_are_refused(tmp_path, rel):
    with pytest.raises(LeafletError, match="not a path inside the output folder"):
        writing.transaction(tmp_path, [(Path(rel), b"x")])


def test_the_manifest_keeps_what_other_builds_left_while_it_is_true(tmp_path):
    build.publish(tmp_path, [output("x/a.pdf", b"A")])
    build.publish(tmp_path, [output("x/b.pdf", b"B")])
    files = json.loads((tmp_path / "manifest.json").read_text())["files"]
    assert [f["file"] for f in files] == ["x/a.pdf", "x/b.pdf"]
    assert files[0]["sha256"] == hashlib.sha256(b"A").hexdigest()
    (tmp_path / "x/a.pdf").write_bytes(b"changed by hand")
    (tmp_path / "x/b.pdf").unlink()
    build.publish(tmp_path, [output("x/c.pdf", b"C")])
    assert [f["file"] for f in json.loads((tmp_path / "manifest.json").read_text())["files"]] == ["x/c.pdf"]


def test_a_damaged_manifest_is_replaced(tmp_path):
    (tmp_path / "manifest.json").write_text("{not json")
    build.publish(tmp_path, [output("x/a.pdf", b"A")])
    assert [f["file"] for f in json.loads((tmp_path / "manifest.json").read_text())["files"]] == ["x/a.pdf"]


def test_write_files_writes_absolute_paths_in_their_common_folder(tmp_path):
    build.write_files([(tmp_path / "t/pl/a.po", b"1"), (tmp_path / "t/ur/b.po", b"2")])
    assert (tmp_path / "t/pl/a.po").read_bytes() == b"1" and (tmp_path / "t/ur/b.po").read_bytes() == b"2"
    assert sorted(p.name for p in (tmp_path / "t").iterdir()) == ["pl", "ur"]
