"""A throwaway copy of the project to run the command line in, as a user would:
`python generate.py ...` from the copy's folder, so content/, translations/
and the output are the copy's. Fonts are linked, not copied (23 MB, read-only)."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
FAULTS = Path(__file__).resolve().parent / "faults.py"
LINE = re.compile(r"^error: (?P<file>[^:\n]+):(?:(?P<line>\d+):)? (?P<message>.+)$")


def copy_project(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("leaflet", "translations", "layouts", "content"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__", "data"))
    os.symlink(ROOT / "leaflet" / "data", dest / "leaflet" / "data")  # the package's fonts, layouts, profile
    shutil.copy(ROOT / "generate.py", dest / "generate.py")
    os.symlink(ROOT / "fonts", dest / "fonts")
    return dest


def run(project: Path, *args, fault: str | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    command = [sys.executable, str(FAULTS), fault] if fault else [sys.executable, str(project / "generate.py")]
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(command + [str(a) for a in args], capture_output=True, text=True, cwd=project,
                          timeout=timeout, env=env)


def popen(project: Path, *args, fault: str | None = None) -> subprocess.Popen:
    command = [sys.executable, str(FAULTS), fault] if fault else [sys.executable, str(project / "generate.py")]
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.Popen(command + [str(a) for a in args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, cwd=project, env=env)


def refused(done, file: str | None = None, line: int | None = None, contains: str = "") -> re.Match | str:
    """Exit 2, one line on stderr, no traceback, no raw control character; with
    `file`, the line is `error: file:line: message`. Returns the match."""
    err = done.stderr
    assert done.returncode == 2, (done.returncode, err, done.stdout[-500:])
    assert "Traceback" not in err, err
    lines = err.strip("\n").split("\n")
    assert len(lines) == 1, err
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]", err), repr(err)
    assert lines[0].startswith("error: "), err
    assert contains in lines[0], (contains, lines[0])
    if file is None:
        return lines[0]
    m = LINE.match(lines[0])
    assert m and m["file"] == file, (file, lines[0])
    if line is not None:
        assert m["line"] == str(line), (line, lines[0])
    return m


def snapshot(folder: Path) -> dict[str, bytes | str]:
    """Every file and link under `folder` with its bytes, to compare before/after."""
    out = {}
    for path in sorted(folder.rglob("*")):
        if "__pycache__" in path.parts or path.name == "fonts":
            continue
        rel = path.relative_to(folder).as_posix()
        if path.is_symlink():
            out[rel] = "-> " + os.readlink(path)
        elif path.is_file():
            out[rel] = path.read_bytes()
        elif path.is_dir():
            out[rel + "/"] = "dir"
    return out
