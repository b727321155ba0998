"""Faults while writing a build, through the command line: a full disk, a
read-only or forbidden folder, a kill in the middle of renaming, two builds
into one folder, and symbolic links in the output tree."""
import hashlib
import json
import time
from pathlib import Path

import pytest

from corpus.project import copy_project, popen, refused, run, snapshot

LEAFLET = "content/serious-case-reviews.yaml"
STEM = "serious-case-reviews/serious-case-reviews"


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("faults") / "project")


@pytest.fixture(scope="module")
def built(project):
    """A good English build, to copy into each test's output folder."""
    done = run(project, "build", LEAFLET, "--lang", "en", "--out", "good")
    assert done.returncode == 0, done.stderr
    return project / "good"


def fresh_out(project, built, name):
    import shutil

    out = project / name
    shutil.copytree(built, out)
    return out


def consistent(out: Path) -> set[str]:
    """The manifest's files exist, with its sizes and hashes; no staging or journal left."""
    files = json.loads((out / "manifest.json").read_text())["files"]
    for entry in files:
        data = (out / entry["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"] and len(data) == entry["bytes"], entry["file"]
    assert not list(out.glob(".leaflet-*")), list(out.glob(".leaflet-*"))
    on_disk = {p.relative_to(out).as_posix() for p in out.rglob("*.pdf")}
    assert on_disk == {e["file"] for e in files}
    return on_disk


@pytest.mark.parametrize("fault,message", [("enospc", "No space left on device; nothing was written"),
                                           ("erofs", "Read-only file system"),
                                           ("eacces", "Permission denied")])
def test_a_write_fault_is_one_line_and_leaves_the_old_build(project, built, fault, message):
    out = fresh_out(project, built, f"out-{fault}")
    before = snapshot(out)
    done = run(project, "build", LEAFLET, "--lang", "en", "--lang", "pl", "--out", out.name, fault=fault)
    refused(done, contains=message)
    assert snapshot(out) == before  # old files untouched, no .tmp or staging left


@pytest.mark.parametrize("fault", ["enospc", "erofs"])
def test_a_write_fault_into_a_new_folder_leaves_no_folder(project, fault):
    done = run(project, "build", LEAFLET, "--lang", "en", "--out", f"new-{fault}/deeper", fault=fault)
    refused(done, contains="No space" if fault == "enospc" else "Read-only")
    assert not (project / f"new-{fault}").exists()


def test_a_terminated_build_cleans_up_after_itself(project, built):
    out = fresh_out(project, built, "out-term")
    before = snapshot(out)
    done = run(project, "build", LEAFLET, "--lang", "en", "--lang", "pl", "--out", out.name, fault="term-at-write")
    assert done.returncode == 143 and "Traceback" not in done.stderr, done.stderr
    assert snapshot(out) == before


def test_the_output_tree_must_have_folders_where_the_build_puts_them(project):
    out = project / "out-file-in-the-way"
    out.mkdir()
    (out / "serious-case-reviews").write_text("a file\n")
    refused(run(project, "build", LEAFLET, "--lang", "en", "--out", out.name), f"{out.name}/serious-case-reviews",
            contains="is a file, where the build writes a folder")
    assert sorted(p.name for p in out.iterdir()) == ["serious-case-reviews"]


def test_a_kill_while_renaming_is_finished_by_the_next_build(project, built):
    out = fresh_out(project, built, "out-kill")
    done = run(project, "build", LEAFLET, "--lang", "en", "--lang", "pl", "--out", out.name, fault="kill-at-rename")
    assert done.returncode == -9, done.stderr
    assert (out / ".leaflet-journal.json").exists()
    for pdf in out.rglob("*.pdf"):  # each file is whole, old or new: renames are atomic
        assert pdf.read_bytes().rstrip().endswith(b"%%EOF"), pdf
    done = run(project, "build", LEAFLET, "--lang", "en", "--out", out.name)
    assert done.returncode == 0, done.stderr
    assert consistent(out) == {f"{STEM}.{c}.{k}.pdf" for c in ("en", "pl") for k in ("screen", "print")}


def test_concurrent_builds_into_one_folder_merge_the_manifest(project):
    (project / "locked").unlink(missing_ok=True)
    first = popen(project, "build", LEAFLET, "--lang", "pl", "--out", "shared", fault="hold-lock=6")
    for _ in range(1200):  # until the first build holds the lock (it typesets first)
        if (project / "locked").exists() or first.poll() is not None:
            break
        time.sleep(0.05)
    second = run(project, "build", LEAFLET, "--lang", "en", "--out", "shared")
    out, err = first.communicate(timeout=300)
    assert first.returncode == 0 and second.returncode == 0, (err, second.stderr)
    assert consistent(project / "shared") == {f"{STEM}.{c}.{k}.pdf" for c in ("en", "pl")
                                              for k in ("screen", "print")}


def test_a_build_that_cannot_get_the_lock_refuses_cleanly(project, built):
    out = fresh_out(project, built, "out-busy")
    (project / "locked").unlink(missing_ok=True)
    first = popen(project, "build", LEAFLET, "--lang", "en", "--out", out.name, fault="hold-lock=20")
    for _ in range(1200):
        if (project / "locked").exists() or first.poll() is not None:
            break
        time.sleep(0.05)
    before = snapshot(out)
    done = run(project, "build", LEAFLET, "--lang", "pl", "--out", out.name, fault="lock-wait=0.5")
    refused(done, out.name, contains="another build has been writing into this folder")
    assert snapshot(out) == before
    first.kill()  # its lock dies with it
    first.communicate()
    done = run(project, "build", LEAFLET, "--lang", "pl", "--out", out.name)
    assert done.returncode == 0, done.stderr
    consistent(out)


@pytest.mark.parametrize("link,target", [("serious-case-reviews", "elsewhere"),
                                         ("serious-case-reviews/serious-case-reviews.en.screen.pdf", "victim.pdf"),
                                         ("manifest.json", "victim.json")])
def test_a_symlink_in_the_output_tree_is_not_followed(project, tmp_path, link, target):
    out = project / f"out-link-{len(link)}"
    outside = tmp_path / target
    if target == "elsewhere":
        outside.mkdir()
    else:
        outside.write_text("not yours\n")
    (out / link).parent.mkdir(parents=True, exist_ok=True)
    (out / link).symlink_to(outside)
    done = run(project, "build", LEAFLET, "--lang", "en", "--out", out.name)
    refused(done, f"{out.name}/{link}", contains="is a symbolic link; refusing to write through it")
    assert (list(outside.iterdir()) == []) if outside.is_dir() else outside.read_text() == "not yours\n"
