"""An edition: one leaflet's content in one language, ready to typeset."""
from __future__ import annotations

from dataclasses import dataclass

from babel import Locale

from .content import Leaflet
from .labels import ENGLISH, Labels


@dataclass(frozen=True)
class Edition:
    leaflet: Leaflet  # its blocks hold the text in `language`
    language: str  # BCP 47, e.g. "en-GB", "ur"
    labels: Labels = ENGLISH
    partial: tuple[str, ...] = ()  # ids of blocks left in English

    @property
    def rtl(self) -> bool:
        return Locale.parse(self.language.replace("-", "_")).text_direction == "rtl"

    @property
    def code(self) -> str:
        """Short code used in file names: 'en' for en-GB, 'zh-Hans' stays."""
        return self.language.split("-")[0] if self.language.startswith("en") else self.language


def english(leaflet: Leaflet) -> Edition:
    return Edition(leaflet, leaflet.language)
