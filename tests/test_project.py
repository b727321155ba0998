"""Project folders: the tool works on the folder it is run in (or --project),
with the package's fonts and layouts as defaults the folder may override."""
import json
import os
import shutil
import subprocess
import sys

import yaml
from pypdf import PdfReader

from conftest import ROOT
from leaflet import project

# `leaflet` is the installed command; the same main() with no project given works on the cwd.
LEAFLET = [sys.executable, "-c", "import sys; from leaflet.cli import main; sys.exit(main(sys.argv[1:]))"]


def leaflet(*args, cwd):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}  # this worktree's package, wherever the command runs
    return subprocess.run(LEAFLET + [str(a) for a in args], capture_output=True, text=True, cwd=cwd, env=env)


def test_new_writes_a_starter_project_that_builds_at_once(tmp_path):
    done = leaflet("new", "early-help", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    folder = tmp_path / "early-help"
    assert {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()} == {
        "content/early-help.yaml", "layouts/a5-fold.yaml", "translations/.keep", "README.md"}
    assert "leaflet build --preview" in (folder / "README.md").read_text()
    done = leaflet("build", cwd=folder)  # no --out: build/ in the project
    assert done.returncode == 0, done.stderr
    manifest = json.loads((folder / "build" / "manifest.json").read_text())
    assert [f["file"] for f in manifest["files"]] == ["early-help/early-help.en.print.pdf",
                                                       "early-help/early-help.en.screen.pdf"]
    reader = PdfReader(folder / "build" / "early-help" / "early-help.en.screen.pdf")
    text = " ".join(p.extract_text() for p in reader.pages)
    assert "Your leaflet's title" in text and "What is this about?" in text
    assert "built 1 edition (2 files)" in done.stdout


def test_new_name_inside_a_project_adds_a_leaflet_and_refuses_to_overwrite(tmp_path):
    assert leaflet("new", "team", cwd=tmp_path).returncode == 0
    folder = tmp_path / "team"
    done = leaflet("new", "second-one", cwd=folder)
    assert done.returncode == 0, done.stderr
    data = yaml.safe_load((folder / "content" / "second-one.yaml").read_text())
    assert data["id"] == "second-one"
    done = leaflet("new", "second-one", cwd=folder)
    assert done.returncode == 2 and done.stderr.startswith("error: content/second-one.yaml: already exists")
    done = leaflet("new", "Bad Name", cwd=folder)
    assert done.returncode == 2 and "not a valid leaflet id" in done.stderr and "Traceback" not in done.stderr
    done = leaflet("new", str(folder), cwd=tmp_path)  # an existing, non-empty folder is never written into
    assert done.returncode == 2 and "not an empty folder" in done.stderr


def test_the_project_option_chooses_the_folder_and_its_own_layout_overrides_the_shipped_one(tmp_path):
    assert leaflet("new", "mine", cwd=tmp_path).returncode == 0
    folder = tmp_path / "mine"
    layout = folder / "layouts" / "a5-fold.yaml"
    layout.write_text(layout.read_text().replace("width_mm: 148", "width_mm: 140"))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    done = leaflet("--project", folder, "build", cwd=elsewhere)
    assert done.returncode == 0, done.stderr
    assert not (elsewhere / "build").exists()
    page = PdfReader(folder / "build" / "mine" / "mine.en.screen.pdf").pages[0]
    assert round(float(page.mediabox.width) * 25.4 / 72) == 140
    # the project's layout removed: the shipped a5-fold (148 mm) serves
    layout.unlink()
    done = leaflet("build", "--project", folder, "--out", tmp_path / "o", cwd=elsewhere)
    assert done.returncode == 0, done.stderr
    page = PdfReader(tmp_path / "o" / "mine" / "mine.en.screen.pdf").pages[0]
    assert round(float(page.mediabox.width) * 25.4 / 72) == 148


def test_a_projects_translations_are_its_own(tmp_path):
    """extract and init write into the project's translations/, never the package's or the repository's."""
    assert leaflet("new", "mine", cwd=tmp_path).returncode == 0
    folder = tmp_path / "mine"
    before = sorted(p.relative_to(ROOT) for p in (ROOT / "translations").rglob("*"))
    assert leaflet("extract", cwd=folder).returncode == 0
    done = leaflet("init", "--lang", "pl", cwd=folder)
    assert done.returncode == 0, done.stderr
    assert (folder / "translations" / "mine.pot").is_file()
    assert (folder / "translations" / "pl" / "LC_MESSAGES" / "mine.po").is_file()
    assert sorted(p.relative_to(ROOT) for p in (ROOT / "translations").rglob("*")) == before
    done = leaflet("build", cwd=folder)  # pl is untranslated: skipped, and the summary says so
    assert done.returncode == 0, done.stderr
    assert "mine: pl not built: its catalog is incomplete" in done.stderr
    assert "built 1 edition (2 files)" in done.stdout and "skipped 1" in done.stdout


def test_a_folder_without_content_is_one_clear_line(tmp_path):
    done = leaflet("build", cwd=tmp_path)
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "no leaflets" in done.stderr
    done = leaflet("--project", tmp_path / "missing", "build", cwd=tmp_path)
    assert done.returncode == 2 and "no such folder" in done.stderr and "Traceback" not in done.stderr


def test_project_paths_are_values_not_the_packages_folder(tmp_path):
    p = project.at(tmp_path)
    assert p.translations == tmp_path.resolve() / "translations"
    assert p.layout_dirs[0] == tmp_path.resolve() / "layouts"
    assert p.layout_dirs[1] == project.DATA / "layouts" and (project.DATA / "fonts" / "fonts.yaml").is_file()


def test_a_projects_fonts_yaml_is_used_and_its_files_found_after_the_shipped_ones(tmp_path):
    from leaflet import fonts

    mine = tmp_path / "fonts"
    mine.mkdir()
    table = yaml.safe_load((project.DATA / "fonts" / "fonts.yaml").read_text())
    table["families"] = [f for f in table["families"] if f["name"] == "noto-sans"]  # Latin only
    (mine / "fonts.yaml").write_text(yaml.safe_dump(table))
    try:
        fonts.use((mine, project.DATA / "fonts"))
        assert [f.name for f in fonts.families()] == ["noto-sans"]
        assert fonts.face(fonts.families()[0].file(False, False)).path.parent == project.DATA / "fonts"
        shutil.copy(project.DATA / "fonts" / "NotoSans-Bold.ttf", mine / "NotoSans-Bold.ttf")
        fonts.use((mine, project.DATA / "fonts", tmp_path))
        assert fonts.face(fonts.families()[0].file(True, False)).path.parent == mine
    finally:
        fonts.use((fonts.FONTS,))
    assert len(fonts.families()) > 1


def test_the_text_engine_follows_another_projects_fonts(tmp_path):
    """The same words set for a project whose fonts.yaml names its own Latin
    file: the runs come from that file, not from faces cached for the last one."""
    from leaflet import fonts
    from leaflet.markup import Span
    from leaflet.text import lines

    spans = (Span("Call the Board on Monday."),)
    try:
        fonts.use((project.DATA / "fonts",))
        before = {p.item.face.path for p in lines.prepare(spans, "en-GB", False).pieces}
        mine = tmp_path / "fonts"
        mine.mkdir()
        shutil.copy(project.DATA / "fonts" / "NotoSans-Regular.ttf", mine / "House-Regular.ttf")
        table = yaml.safe_load((project.DATA / "fonts" / "fonts.yaml").read_text())
        latin = next(f for f in table["families"] if f["name"] == "noto-sans")
        latin["regular"] = "House-Regular.ttf"
        (mine / "fonts.yaml").write_text(yaml.safe_dump(table))
        fonts.use((mine, project.DATA / "fonts"))
        after = {p.item.face.path for p in lines.prepare(spans, "en-GB", False).pieces}
    finally:
        fonts.use((fonts.FONTS,))
    assert before == {project.DATA / "fonts" / "NotoSans-Regular.ttf"}
    assert after == {mine / "House-Regular.ttf"}
