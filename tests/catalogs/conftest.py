import shutil

import pytest

from leaflet.catalogs import review, workflow

from conftest import ROOT


@pytest.fixture
def translations(tmp_path, monkeypatch):
    """A copy of the shipped translations/ that a test may spoil; the workflow reads and writes it."""
    copy = tmp_path / "translations"
    shutil.copytree(ROOT / "translations", copy)
    monkeypatch.setattr(review, "TRANSLATIONS", copy)
    monkeypatch.setattr(workflow, "TRANSLATIONS", copy)
    (tmp_path / "content").symlink_to(ROOT / "content")  # tmp_path: a project, for cli.main(..., project=)
    return copy
