"""The tool's own words printed on a leaflet (a second gettext domain)."""
from __future__ import annotations

from dataclasses import dataclass


def N_(text: str) -> str:
    """Marks a string for extraction; translation happens when labels are made."""
    return text


@dataclass(frozen=True)
class Labels:
    telephone: str = N_("Telephone")
    email: str = N_("Email")
    website: str = N_("Website")
    page: str = N_("Page {page} of {pages}")

    def page_of(self, page: int, pages: int) -> str:
        return self.page.format(page=page, pages=pages)


ENGLISH = Labels()
