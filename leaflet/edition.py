"""An edition: one leaflet's content in one language, ready to typeset."""
from __future__ import annotations

from dataclasses import dataclass

from .catalogs.languages import get as language_info
from .content import Block, Leaflet
from .labels import ENGLISH, Labels


@dataclass(frozen=True)
class Edition:
    leaflet: Leaflet  # its blocks hold the text in `language`
    language: str  # BCP 47, e.g. "en-GB", "ur", "zh-Hans"
    labels: Labels = ENGLISH
    partial: tuple[str, ...] = ()  # ids of blocks left in English (--allow-partial)
    partial_labels: tuple[str, ...] = ()  # labels left in English
    also: tuple[str, ...] = ()  # the other languages the leaflet is available in
    english_title: str = ""  # "Serious Case Reviews: Information for parents and carers"
    medium: str = "screen"  # or "print": paper cannot be clicked, so a link's address is printed too

    @property
    def rtl(self) -> bool:
        return language_info(self.language).rtl  # a table lookup, no Babel locale to load

    @property
    def is_english(self) -> bool:
        return self.language.split("-")[0] == "en"

    @property
    def code(self) -> str:
        """Used in file names: 'en' for en-GB; other codes as they are."""
        return "en" if self.is_english else self.language

    def language_of(self, block: Block) -> tuple[str, bool]:
        """(language, right-to-left) a block is set in: English where it fell back."""
        if block.id in self.partial:
            return self.leaflet.language, False
        return self.language, self.rtl


def english(leaflet: Leaflet, also: tuple[str, ...] = ()) -> Edition:
    return Edition(leaflet, leaflet.language, also=also)
