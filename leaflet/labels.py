"""The tool's own words printed on a leaflet (the `leaflet` gettext domain).

Each field's default is the English; `catalogs.translate.labels` fills in a
language's words from translations/<lang>/LC_MESSAGES/leaflet.po.
"""
from __future__ import annotations

import string
from dataclasses import dataclass, fields


def N_(text: str) -> str:
    """Marks a string for extraction; translation happens when labels are made."""
    return text


@dataclass(frozen=True)
class Labels:
    # Translators: before the telephone number on the back page, followed by ": 020 ..."
    telephone: str = N_("Telephone")
    # Translators: before the e-mail address on the back page.
    email: str = N_("Email")
    # Translators: before the web address on the back page.
    website: str = N_("Website")
    # Translators: page footer; keep {page} and {pages} as they are.
    page: str = N_("Page {page} of {pages}")
    # Translators: heading of the list of languages this leaflet is printed in.
    also_available: str = N_("This leaflet is also available in:")
    # Translators: date the leaflet was last revised; {date} is the date in your language.
    updated: str = N_("Updated {date}")
    # Translators: heading of a page left for the reader's own notes and questions.
    notes: str = N_("Notes")
    # Translators: before a free-to-call phone number, followed by ": 0800 ..."
    freephone: str = N_("Freephone")
    # Translators: before the phone number to call outside office hours (evenings, weekends).
    out_of_hours: str = N_("Out of hours")
    # Translators: before a textphone (minicom) number, for deaf people.
    textphone: str = N_("Textphone")
    # Translators: before a mobile number that takes text messages.
    sms: str = N_("Text message")
    # Translators: before a number to call through Relay UK (a text relay service); "Relay UK" is its name.
    relay_uk: str = N_("Relay UK")
    # Translators: before the days and times a service is open.
    hours: str = N_("Opening hours")
    # Translators: what a screen reader says for a QR code; keep {address}, the web address it opens.
    qr_code: str = N_("QR code for {address}")
    # Translators: heading of a boxed note that has no title of its own (an important point).
    callout_important: str = N_("Important")
    # Translators: heading of a boxed note about keeping a child safe, when it has no title of its own.
    callout_safety: str = N_("Safety")
    # Translators: heading of a boxed note with helpful advice, when it has no title of its own.
    callout_tip: str = N_("Tip")

    def page_of(self, page: int, pages: int) -> str:
        return self.page.format(page=page, pages=pages)

    def phone(self, kind: str) -> str:
        """The label of a phone number of `kind` (contacts.PHONES)."""
        return getattr(self, kind)

    def callout(self, kind: str) -> str:
        """The heading of a callout of `kind` (blocks.callout.KINDS) without a title."""
        return getattr(self, "callout_" + kind)

    def updated_on(self, date: str) -> str:
        return self.updated.format(date=date)


def placeholder_problem(english: str, text: str) -> str | None:
    """What is wrong with the {placeholders} of a translated label (None: fine).
    The label is later `str.format`ted, so it must parse as a format string (a
    stray '}' does not) and use exactly the English's fields, plainly: no
    '{page.attr}', '{0}', '{page!r}' or '{page:>9}'."""
    def fields_of(s: str) -> list[str]:
        out = []
        for _, name, spec, conversion in string.Formatter().parse(s):
            if name is not None:
                if spec or conversion or not name.isidentifier():
                    raise ValueError(f"'{{{name}{'!' + conversion if conversion else ''}"
                                     f"{':' + spec if spec else ''}}}' is not a plain placeholder")
                out.append(name)
        return sorted(out)

    try:
        ours = fields_of(text)
    except ValueError as exc:
        return f"placeholders are broken: {exc} (a brace that is not a placeholder is written {{{{ or }}}})"
    theirs = fields_of(english)
    if ours != theirs:
        return f"placeholders differ from the English: expected {theirs}, got {ours}"
    return None


def english_texts() -> dict[str, str]:
    return {f.name: f.default for f in fields(Labels)}


ENGLISH = Labels()
