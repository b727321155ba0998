"""fonts/fonts.yaml's optical `scale` per family: read, checked, and carried
by every face of the family (what the text engine measures and draws with)."""
import subprocess
import sys

import pytest
import yaml

from leaflet import fonts
from leaflet.errors import LeafletError

from conftest import ROOT

TABLE = ROOT / "leaflet" / "data" / "fonts" / "fonts.yaml"


def test_each_family_and_its_faces_carry_the_scale_fonts_yaml_gives():
    raw = {f["name"]: f for f in yaml.safe_load(TABLE.read_text(encoding="utf-8"))["families"]}
    loaded = {f.name: f for f in fonts.families()}
    assert set(loaded) == set(raw)
    for name, family in loaded.items():
        assert family.scale == float(raw[name].get("scale", 1)), name
        for file in family.files.values():
            assert fonts.face(file).scale == family.scale, file
    assert loaded["noto-sans"].scale == 1.0  # Latin is what the others are sized against
    assert loaded["noto-sans-gurmukhi"].scale > 1.0  # the "visibly smaller" script


def with_scale(value: str) -> tuple[str, int]:
    """The shipped fonts.yaml with Gurmukhi's scale written as `value`, and its line."""
    lines = TABLE.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.strip() == "- name: noto-sans-gurmukhi") + 1
    lines = [line for i, line in enumerate(lines) if not (i > at - 1 and i < at + 4 and "scale:" in line)]
    lines.insert(at, f"    scale: {value}")
    return "\n".join(lines) + "\n", at + 1


@pytest.mark.parametrize("value, says", [("big", "must be a number, got text"),
                                         ("0.9", "must be from 1 to 1.5"),
                                         ("3", "must be from 1 to 1.5"),
                                         ("true", "must be a number")])
def test_a_bad_scale_is_refused_by_its_line(tmp_path, value, says):
    text, line = with_scale(value)
    (tmp_path / "fonts.yaml").write_text(text, encoding="utf-8")
    try:
        fonts.use((tmp_path, fonts.FONTS))
        with pytest.raises(LeafletError) as err:
            fonts.families()
    finally:
        fonts.use((fonts.FONTS,))
    assert str(err.value).startswith(f"fonts/fonts.yaml:{line}: families[")
    assert "].scale: " + says in str(err.value)


def test_the_build_stops_on_a_bad_scale_with_one_line_and_exit_2(tmp_path):
    project = tmp_path / "p"
    done = subprocess.run([sys.executable, str(ROOT / "generate.py"), "new", str(project)], capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stderr
    text, line = with_scale("0.8")
    (project / "fonts").mkdir()
    (project / "fonts" / "fonts.yaml").write_text(text, encoding="utf-8")
    done = subprocess.run([sys.executable, str(ROOT / "generate.py"), "build", "--project", str(project)],
                          capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"error: fonts/fonts.yaml:{line}: families[4].scale: must be from 1 to 1.5 (a factor on the edition's size; "
        "under 1 would set text below the layout's minimum), got 0.8"]
    assert "Traceback" not in done.stderr
    assert not (project / "build").exists() or not any((project / "build").rglob("*.pdf"))


def test_a_projects_scale_applies_to_faces_loaded_before_it(tmp_path):
    # Faces outlive a font table (ReportLab keeps their names): one loaded under
    # the shipped table takes a project's scale when its table is used, and back.
    from leaflet import markup
    from leaflet.text.lines import prepare
    file = "NotoSansGurmukhi-Regular.ttf"
    shipped = fonts.face(file).scale

    def width() -> float:
        return sum(p.width(10) for p in prepare(markup.parse("ਮਾਪਿਆਂ ਅਤੇ"), "pa", False).pieces)

    before = width()
    text, _ = with_scale("1.2")
    (tmp_path / "fonts.yaml").write_text(text, encoding="utf-8")
    try:
        fonts.use((tmp_path, fonts.FONTS))
        assert abs(width() - before * 1.2 / shipped) < 1e-6  # the text engine reads the table again
        assert fonts.families()[4].scale == 1.2 and fonts.face(file).scale == 1.2
    finally:
        fonts.use((fonts.FONTS,))
    assert abs(width() - before) < 1e-6 and fonts.face(file).scale == shipped
