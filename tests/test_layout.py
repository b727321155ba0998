import pytest

from leaflet import layout, source
from leaflet.errors import LeafletError
from leaflet.layout import LAYOUTS, MM


def test_a5_fold_layout():
    L = layout.load("a5-fold")
    assert (round(L.width / MM), round(L.height / MM)) == (148, 210)
    assert L.style("body").size == 11 and L.body_minimum == 10
    assert L.body_sizes() == [11, 10.75, 10.5, 10.25, 10]
    assert L.body_sizes(grown=True)[:3] == [14, 13.75, 13.5] and L.body_sizes(grown=True)[-1] == 10
    assert L.style("question", 10.5).size == pytest.approx(12.6)


def test_contrast_ratio_matches_wcag_examples():
    assert layout.contrast("#000000", "#FFFFFF") == pytest.approx(21)
    assert layout.contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)


def with_change(old: str, new: str):
    text = (LAYOUTS / "a5-fold.yaml").read_text()
    assert old in text
    return source.loads(text.replace(old, new), "layouts/test.yaml")


def test_low_contrast_text_is_refused_with_its_line():
    root = with_change('text: "#1A1A1A"', 'text: "#999999"')
    with pytest.raises(LeafletError, match=r"layouts/test.yaml:\d+: colours.text: text #999999 on paper #FFFFFF "
                                           r"has contrast 2.85:1, needs at least 4.5:1"):
        layout.from_node(root)


def test_band_text_contrast_is_checked_too():
    with pytest.raises(LeafletError, match="band_text #FFFFFF on band #66AADD"):
        layout.from_node(with_change('band: "#00507A"', 'band: "#66AADD"'))


def test_minimum_above_size_and_unknown_layout_are_refused():
    with pytest.raises(LeafletError, match="minimum"):
        layout.from_node(with_change("minimum: 10", "minimum: 11.5"))
    with pytest.raises(LeafletError, match="unknown layout 'a4-poster'"):
        layout.load("a4-poster")
