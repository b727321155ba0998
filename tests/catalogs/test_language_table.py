"""The table of common languages says what CLDR (through Babel) says: the build
reads it instead of loading a locale per language."""
import pytest

from leaflet.catalogs import languages
from leaflet.catalogs.language_table import TABLE


@pytest.mark.parametrize("code", sorted(TABLE))
def test_every_row_is_what_cldr_says(code):
    assert languages.get(code) == languages.from_cldr(code)


def test_every_catalog_language_is_in_the_table():
    from leaflet.catalogs import review
    assert set(review.available("serious-case-reviews")) <= set(TABLE)


def test_a_language_outside_the_table_still_comes_from_cldr():
    assert "mt" not in TABLE
    assert languages.get("mt").english_name == "Maltese"


def test_an_edition_is_right_to_left_from_the_table():
    from leaflet.edition import Edition
    from leaflet import content
    from pathlib import Path
    leaflet = content.load(Path(__file__).resolve().parents[2] / "content" / "serious-case-reviews.yaml")
    assert [Edition(leaflet, c).rtl for c in ("ur", "fa", "ar", "en-GB", "zh-Hans")] == [True] * 3 + [False] * 2
