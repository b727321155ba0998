"""The shipped CMYK output profiles (icc/profiles.yaml): file, output condition, ink limit."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from ..errors import LeafletError

ICC = Path(__file__).resolve().parent.parent / "data" / "icc"  # package data


@dataclass(frozen=True)
class Profile:
    name: str
    path: Path
    identifier: str  # OutputConditionIdentifier, e.g. FOGRA39
    condition: str
    registry: str
    info: str
    max_ink: float  # percent

    @property
    def data(self) -> bytes:
        return _read(self.path)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@lru_cache(maxsize=None)
def _read(path: Path) -> bytes:
    return path.read_bytes()


@lru_cache(maxsize=None)
def table() -> dict[str, Profile]:
    raw = yaml.safe_load((ICC / "profiles.yaml").read_text(encoding="utf-8"))
    return {name: Profile(name, ICC / d["file"], d["identifier"], d["condition"], d["registry"], d["info"],
                          float(d["max_ink"])) for name, d in raw.items()}


def get(name: str) -> Profile:
    try:
        return table()[name]
    except KeyError:
        raise LeafletError(f"unknown CMYK profile '{name}' (profiles: {', '.join(table())})") from None

