"""Read a catalog with three parsers: ours, polib and translate-toolkit's (two
independent readers from PyPI), and check that they agree on every entry."""
from __future__ import annotations

import io

import polib
from translate.storage import pypo

from leaflet.catalogs import pofile


def read_everywhere(data: bytes, name: str = "catalog.po") -> dict:
    """(context or msgid, obsolete) -> (msgid, msgstr, fuzzy, previous msgid, previous msgctxt), as all agree."""
    ours = {(e.key, e.obsolete): (e.msgid, e.msgstr, e.fuzzy, e.previous, e.previous_context)
            for e in pofile.parse(data, name).entries}
    theirs = {}
    for e in polib.pofile(data.decode("utf-8"), wrapwidth=79):
        if e.msgid == "" and not e.msgctxt:
            continue
        key = e.msgctxt if e.msgctxt is not None else e.msgid
        theirs[(key, bool(e.obsolete))] = (e.msgid, e.msgstr, e.fuzzy, e.previous_msgid, e.previous_msgctxt)
    assert theirs == ours, "polib reads the catalog differently"
    toolkit = {}
    for u in pypo.pofile(io.BytesIO(data)).units:
        if u.isheader():
            continue
        context = u.getcontext() or None
        previous = pypo.unquotefrompo(u.prev_msgid) if u.prev_msgid else None
        previous_ctx = pypo.unquotefrompo(u.prev_msgctxt) if u.prev_msgctxt else None
        toolkit[(context if context is not None else u.source, u.isobsolete())] = (
            u.source, u.target, u.isfuzzy(), previous, previous_ctx)
    assert toolkit == ours, "translate-toolkit reads the catalog differently"
    return ours
