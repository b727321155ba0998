"""The optical scale fonts.yaml gives each family, read from the file with
PyYAML (not through leaflet.fonts), for tests that check what the PDF draws."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

FONTS_YAML = Path(__file__).resolve().parents[2] / "leaflet" / "data" / "fonts" / "fonts.yaml"


@lru_cache(maxsize=1)
def families() -> list[dict]:
    return yaml.safe_load(FONTS_YAML.read_text(encoding="utf-8"))["families"]


def of_file(file_name: str) -> float:
    """The scale of the family a font file belongs to (1 when it gives none)."""
    family = next(f for f in families() if file_name in f.values())
    return float(family.get("scale", 1))


def of_script(script: str, language: str) -> float:
    """The scale of the family that sets `script` in `language` (a family naming the language first)."""
    serving = [f for f in families() if script in f["scripts"]]
    family = next((f for f in serving if language.split("-")[0] in f.get("languages", ())), None) or \
        next(f for f in serving if not f.get("languages"))
    return float(family.get("scale", 1))
