"""Real permissions, not injected faults: a build into a folder its user may
not write. Root (CI) may write anywhere, so as root the build runs without the
capabilities that override file permissions (setpriv drops them from the
bounding set); it stays root, so it still reads the installed packages, which
an unprivileged user may not (CI installs them with a private umask)."""
import os
import shutil
import subprocess
import sys

import pytest

from corpus.project import copy_project, refused, snapshot

OVERRIDES = "-dac_override,-dac_read_search,-fowner"
LIMITED = (["setpriv", f"--bounding-set={OVERRIDES}", f"--inh-caps={OVERRIDES}"] if os.geteuid() == 0 else [])


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    if LIMITED and shutil.which("setpriv") is None:
        pytest.skip("running as root and setpriv (util-linux) is not here to drop root's override of permissions")
    p = copy_project(tmp_path_factory.mktemp("perm") / "project")
    probe = subprocess.run(LIMITED + [sys.executable, "-c", "import leaflet.build; open('/proc/self/status')"],
                           cwd=p, capture_output=True, text=True)
    assert probe.returncode == 0, probe.stderr
    yield p
    for path in [p, *p.rglob("*")]:
        if path.is_dir() and not path.is_symlink():
            os.chmod(path, 0o755)


def run(project, *args):
    return subprocess.run(LIMITED + [sys.executable, str(project / "generate.py"), *map(str, args)],
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
