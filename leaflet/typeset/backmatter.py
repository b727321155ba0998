"""The back matter, and what of it moves to the pages before the back.

The back holds a single edition's back matter in its order: the introduction
(its last block the lead-in, "...by contacting:"), the contact panels, the
further reading and the date. When the back cannot hold it all, a designer
moves, in this order: the introduction's text before the lead-in, the further
reading (and the date), then whole contact panels from the first, the whole
introduction with them, so the lead-in still leads into its contact. The
last contact stays on the back. What moves ends the questions, each block
kept whole.
One rule for every layout and form: a single edition, a bilingual one (its
units are pairs), a page of columns (`room` says what its back holds).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class BackMatter:
    head: list  # the introduction before its lead-in
    lead: list  # the lead-in ("...by contacting:"), or its pair of languages
    contacts: list  # one list of flowables per contact (a panel, or a pair of panels)
    further: list  # the further reading
    date: list  # the date of this version, last

    @property
    def intro(self) -> list:
        return self.head + self.lead

    def flowables(self) -> list:
        return self.intro + self._contacts() + self.further + self.date

    def _contacts(self, start: int = 0, end: int | None = None) -> list:
        return [f for c in self.contacts[start:end] for f in c]

    def map(self, change: Callable[[list], list]) -> "BackMatter":
        """The same matter, each part's flowables changed (set smaller to fit, paired...)."""
        return BackMatter(change(self.head), change(self.lead), [change(c) for c in self.contacts],
                          change(self.further), change(self.date))


def of(intro: list, contacts: list, further: list, date: list) -> BackMatter:
    """A single edition's back matter: the introduction's last block is its lead-in."""
    return BackMatter(intro[:-1], intro[-1:], contacts, further, date)


def paired(a: BackMatter, b: BackMatter, combine: Callable[[list, list], list]) -> BackMatter:
    """Two languages' back matter, part by part (`combine`: pairs.combine in a form)."""
    return BackMatter(combine(a.head, b.head), combine(a.lead, b.lead),
                      [combine(x, y) for x, y in zip(a.contacts, b.contacts)],
                      combine(a.further, b.further), combine(a.date, b.date))


def arrangements(m: BackMatter):
    """(moved, back) in the order a designer tries them, the back fullest
    first. The date stays last on the back while that keeps the lead-in on
    the back with its contact; a lead-in leaves its contact only when nothing
    else can move (one contact that fills the back)."""
    head, lead, further, date, n = m.head, m.lead, m.further, m.date, len(m.contacts)
    yield [], m.flowables()
    if head:
        yield head, lead + m._contacts() + further + date
    if further:  # moved, it comes first: the introduction stays one run, leading into the contacts
        yield further + head, lead + m._contacts() + date
    if date:
        yield further + date + head, lead + m._contacts()
    for k in range(1, n):  # the last contact stays on the back, with the further reading if it still fits
        yield m.intro + m._contacts(0, k), m._contacts(k) + further + date
        yield further + m.intro + m._contacts(0, k), m._contacts(k) + date
    if n > 1 and date:
        yield further + date + m.intro + m._contacts(0, n - 1), m._contacts(n - 1)
    if n == 1 and lead:  # the lead-in alone ends the questions, with all the room on the back
        yield further + date + m.intro, m._contacts()


def settle(m: BackMatter, room: Callable[[list], bool], more: int = 0) -> tuple[list, list]:
    """(moved, back): the first arrangement whose back `room` holds, or the
    last (the back then overflows, and the caller says so); with `more`, the
    `more`th that moves more and keeps the further reading and date on the back
    (to fill pages that would be spare).
    `moved` follows the questions, each block whole, the lead-in kept with its contact."""
    options = list(arrangements(m))
    chosen = next(((moved, back) for moved, back in options if room(back)), options[-1])
    if more:  # to fill pages, whole contacts move first: the further reading and date stay last on the back
        tail = m.further + m.date
        fuller = [o for o in options if len(o[0]) > len(chosen[0]) and room(o[1])
                  and (not tail or o[1][-len(tail):] == tail)]
        chosen = ([chosen] + fuller)[min(more, len(fuller))]
    moved, back = chosen
    for f in moved:
        f.split = lambda width, height: []
        f.moved = True  # where a grown leaflet's spare pages may be spread (fit.spread)
    if m.lead and m.lead[-1] in moved:
        m.lead[-1].keep_next = True  # a lead-in whose translation has no colon
    return moved, back
