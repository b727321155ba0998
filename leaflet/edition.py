"""An edition: one leaflet's content in one language, ready to typeset."""
from __future__ import annotations

from dataclasses import dataclass, field

from . import dates

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
    # Its dates and opening times as printed, once made (see `local`): not part of its value.
    texts: dict = field(default_factory=dict, compare=False, repr=False)

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

    def updated(self) -> str:
        """The leaflet's date, in this edition's language."""
        return self._local("updated", self.leaflet.updated, dates.long_date)

    def opening(self, hours) -> str:
        """Opening hours, in this edition's language."""
        return self._local(hours, hours, dates.opening)

    def local(self) -> Edition:
        """This edition with its dates and opening times made. The plan does it,
        in the process that reads the catalogs: the one that typesets then gets
        them with the edition, and loads no locale of its own."""
        if self.leaflet.updated:
            self.updated()
        for contact in self.leaflet.contacts:
            for hours in contact.hours:
                self.opening(hours)
        return self

    def _local(self, key, value, make) -> str:
        key = (self.language, key)  # `replace` shares the dict: keyed by language too
        if key not in self.texts:
            self.texts[key] = make(self.language, value)
        return self.texts[key]

    def language_of(self, block: Block) -> tuple[str, bool]:
        """(language, right-to-left) a block is set in: English where it fell back."""
        if block.id in self.partial:
            return self.leaflet.language, False
        return self.language, self.rtl


def english(leaflet: Leaflet, also: tuple[str, ...] = ()) -> Edition:
    return Edition(leaflet, leaflet.language, also=also)
