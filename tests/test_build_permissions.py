"""Real permissions, not injected faults: a build as a user who may not write
the output folder. As root (CI), the build runs as `nobody` through setpriv,
since root may write anywhere; as anyone else, it runs as that user."""
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from corpus.project import copy_project, refused, snapshot

AS_NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] if os.geteuid() == 0 else []


@pytest.fixture(scope="module")
def project():
    # not under pytest's tmp folder: that is private to its owner, and `nobody` must read the copy
    base = Path(tempfile.mkdtemp(prefix="leaflet-perm-"))
    os.chmod(base, 0o755)
    p = copy_project(base / "project")
    for path in [p, *p.rglob("*")]:
        if not path.is_symlink():
            os.chmod(path, 0o755 if path.is_dir() else 0o644)
    probe = subprocess.run(AS_NOBODY + [sys.executable, "-c", "import leaflet.cli"], cwd=p, capture_output=True,
                           text=True)
    if probe.returncode != 0:
        shutil.rmtree(base)
        pytest.skip(f"cannot run Python as an unprivileged user here: {probe.stderr.strip()[-200:]}")
    yield p
    for path in [p, *p.rglob("*")]:
        if path.is_dir() and not path.is_symlink():
            os.chmod(path, 0o755)
    shutil.rmtree(base)


def run(project, *args):
    return subprocess.run(AS_NOBODY + [sys.executable, str(project / "generate.py"), *map(str, args)],
                          capture_output=True, text=True, cwd=project, timeout=300)


def test_no_permission_to_create_the_output_folder(project):
    parent = project / "locked-parent"
    parent.mkdir(mode=0o555)
    os.chmod(parent, 0o555)
    refused(run(project, "build", "content/serious-case-reviews.yaml", "--lang", "en", "--out", "locked-parent/out"),
            "locked-parent/out", contains="cannot create folder: Permission denied")
    assert list(parent.iterdir()) == []


def test_no_permission_to_write_into_an_existing_build(project):
    out = project / "old-build"
    done = subprocess.run([sys.executable, str(project / "generate.py"), "build", "content/serious-case-reviews.yaml",
                           "--lang", "en", "--out", out], capture_output=True, text=True, cwd=project)
    assert done.returncode == 0, done.stderr
    for path in [out, *out.rglob("*")]:
        os.chmod(path, 0o555 if path.is_dir() else 0o444)
    before = snapshot(out)
    refused(run(project, "build", "content/serious-case-reviews.yaml", "--lang", "en", "--out", "old-build"),
            "old-build", contains="Permission denied")
    assert snapshot(out) == before
