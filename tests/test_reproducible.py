"""The same project gives the same bytes wherever its folder is: nothing in a
PDF may depend on the path it was built from (ReportLab names an image drawn
from a file by a digest of the file's path)."""
from corpus.project import copy_project, run


def test_same_bytes_from_two_folders(tmp_path):
    leaflet = "content/private-fostering.yaml"  # a PNG and an SVG figure
    assert "figure: images/dots.png" in (copy_project(tmp_path / "a") / leaflet).read_text()
    copy_project(tmp_path / "elsewhere" / "deeper" / "b")
    outputs = []
    for project in (tmp_path / "a", tmp_path / "elsewhere" / "deeper" / "b"):
        done = run(project, "build", leaflet, "--lang", "en", "--lang", "bn", "--out", "out", "--jobs", "1")
        assert done.returncode == 0, done.stderr
        outputs.append({p.relative_to(project / "out"): p.read_bytes() for p in (project / "out").rglob("*.pdf")})
    assert len(outputs[0]) == 4
    assert outputs[0].keys() == outputs[1].keys()
    assert [name for name in outputs[0] if outputs[0][name] != outputs[1][name]] == []
