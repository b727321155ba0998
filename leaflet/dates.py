"""Dates and opening times in a language's own words and conventions (CLDR,
by Babel): "3 March 2025", "Monday–Friday: 09:00–17:00"."""
from __future__ import annotations

import datetime


def long_date(language: str, date: datetime.date) -> str:
    from babel.dates import format_date  # here: loading a locale is the cost, paid once an edition (see Edition.local)

    return format_date(date, "long", locale=language.replace("-", "_"))


def opening(language: str, hours) -> str:
    """"Monday–Friday: 09:00–17:00" in the edition's language and conventions."""
    from babel.dates import format_interval, get_day_names
    from babel.lists import format_list

    locale = language.replace("-", "_")
    names = get_day_names("wide", locale=locale)
    days = list(hours.days)
    if len(days) > 2 and days == list(range(days[0], days[-1] + 1)):
        day_text = f"{names[days[0]]}\u2013{names[days[-1]]}"
    else:
        day_text = format_list([names[d] for d in days], locale=locale)
    times = format_interval(hours.opens, hours.closes, "Hm", locale=locale)
    return f"{day_text}: {times}" if not language.startswith(("zh", "ko")) else f"{day_text} {times}"
