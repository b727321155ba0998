from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "content" / "serious-case-reviews.yaml"


@pytest.fixture(scope="session")
def seed_data() -> dict:
    return yaml.safe_load(SEED.read_text(encoding="utf-8"))


class _NoAliases(yaml.SafeDumper):
    """Writes a value used twice out twice: leaflet YAML refuses anchors and aliases."""

    def ignore_aliases(self, data):
        return True


@pytest.fixture
def write_content(tmp_path, seed_data):
    """Write a variant of the seed leaflet: `change(data)` edits a deep copy."""

    def write(change=None, name: str = "leaflet.yaml") -> Path:
        data = copy.deepcopy(seed_data)
        if change:
            change(data)
        path = tmp_path / name
        path.write_text(yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False), encoding="utf-8")
        return path

    return write


@pytest.fixture(scope="session")
def english():
    from leaflet import content, edition, layout
    from leaflet.typeset import typeset

    leaflet = content.load(SEED)
    ed = edition.english(leaflet)
    return ed, typeset(ed, layout.load(leaflet.layout))


def page_texts(pdf: bytes) -> list[str]:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    return [" ".join(doc[i].get_textpage().get_text_range().split()) for i in range(len(doc))]
