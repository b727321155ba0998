"""The package as a council installs it: a wheel holds the fonts, layouts and
CMYK profile, and the installed code finds them inside itself (no repository)."""
import os
import shutil
import subprocess
import sys
import zipfile

import yaml

from conftest import ROOT


def test_a_wheel_holds_the_data_and_builds_a_new_project_without_the_repository(tmp_path):
    src = tmp_path / "src"  # a copy, so the build leaves nothing in the worktree
    shutil.copytree(ROOT / "leaflet", src / "leaflet", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", ".",
                           "-w", str(tmp_path / "dist")], capture_output=True, text=True, cwd=src)
    assert done.returncode == 0, done.stderr
    (wheel,) = (tmp_path / "dist").glob("leaflet-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    fonts = yaml.safe_load((ROOT / "leaflet" / "data" / "fonts" / "fonts.yaml").read_text())
    wanted = {f"leaflet/data/fonts/{f[s]}" for f in fonts["families"] for s in f if s in (
        "regular", "bold", "italic", "bold_italic")}
    wanted |= {"leaflet/data/fonts/fonts.yaml", "leaflet/data/fonts/OFL.txt", "leaflet/data/layouts/a5-fold.yaml",
               "leaflet/data/icc/profiles.yaml", "leaflet/data/icc/ISOcoated_v2_300_bas.icc",
               "leaflet/cli.py", "leaflet/proof.py", "leaflet/project.py"}
    assert wanted <= names, wanted - names
    for name in wanted & {n for n in names if n.endswith((".ttf", ".icc", ".yaml"))}:
        assert zipfile.ZipFile(wheel).read(name) == (ROOT / name).read_bytes(), name
    assert not any(n.startswith(("content/", "translations/", "tests/")) for n in names)
    assert any(n.endswith("entry_points.txt") and b"leaflet = leaflet.cli:run" in zipfile.ZipFile(wheel).read(n)
               for n in names)

    # Unpacked on its own (what pip installs), with the venv's dependencies: the
    # repository is not on the path, so every default is read from inside the package.
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    work = tmp_path / "work"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(site)
    cmd = [sys.executable, "-c", "import sys, leaflet; assert leaflet.__file__.startswith(sys.argv[1]), "
           "leaflet.__file__; from leaflet.cli import main; sys.exit(main(sys.argv[2:]))", str(site)]
    done = subprocess.run(cmd + ["new", "council"], capture_output=True, text=True, cwd=work, env=env)
    assert done.returncode == 0, done.stderr
    done = subprocess.run(cmd + ["build", "--preview", "--format", "screen", "--format", "press"],
                          capture_output=True, text=True, cwd=work / "council", env=env)
    assert done.returncode == 0, done.stderr
    out = work / "council" / "build"
    assert {p.name for p in (out / "council").iterdir()} == {"council.en.screen.pdf", "council.en.press.pdf"}
    assert (out / "proof.html").is_file() and len(list((out / "previews" / "council").glob("*.png"))) == 4
