"""Contacts: any number, every field optional, each with an id that prose
refers to (`Call {duty.telephone}`). Names, numbers and addresses are data,
never translated; the role and the team are translatable blocks.

Phone numbers have a kind (telephone, freephone, out_of_hours, textphone, sms,
relay_uk), labelled on the page in the edition's language. Opening hours are
data (`days: monday-friday`, `opens: "09:00"`, `closes: "17:00"`) and are
printed in each edition's language and conventions by Babel.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, replace

from . import markup
from .blocks.base import Block, Maker, describe, fields, ident, items, text
from .blocks.web import display_url, web
from .errors import LeafletError
from .source import Node

POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$")
PHONES = ("telephone", "freephone", "out_of_hours", "textphone", "sms", "relay_uk")
RELAY_PREFIX = "18001"  # Relay UK: dial 18001 then the number from a textphone or the app
DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
FIELDS = ("id", "name", "role", "team", "address", "postcode", *PHONES, "email", "website", "hours")
REFERABLE = ("name", "postcode", *PHONES, "email", "website")


@dataclass(frozen=True)
class Phone:
    kind: str  # one of PHONES
    number: str  # as printed, e.g. "020 8547 6111"

    @property
    def display(self) -> str:
        return f"{RELAY_PREFIX} {self.number}" if self.kind == "relay_uk" else self.number

    @property
    def href(self) -> str:
        return markup.href_for("phone", self.number) if self.kind != "relay_uk" else \
            "tel:" + RELAY_PREFIX + re.sub(r"[^\d]", "", self.number)


@dataclass(frozen=True)
class Hours:
    days: tuple[int, ...]  # 0 = Monday
    opens: datetime.time
    closes: datetime.time


@dataclass(frozen=True)
class Contact:
    id: str
    line: int
    name: str | None = None
    role: Block | None = None
    team: Block | None = None
    address: tuple[str, ...] = ()
    postcode: str | None = None
    phones: tuple[Phone, ...] = ()
    email: str | None = None
    website: str | None = None  # https:// URL
    hours: tuple[Hours, ...] = ()

    def blocks(self) -> tuple[Block, ...]:
        return tuple(b for b in (self.role, self.team) if b)

    def map(self, fn) -> "Contact":
        return replace(self, role=fn(self.role) if self.role else None, team=fn(self.team) if self.team else None)

    def phone(self, kind: str) -> Phone | None:
        return next((p for p in self.phones if p.kind == kind), None)

    @property
    def website_label(self) -> str:
        return display_url(self.website) if self.website else ""

    def reference(self, field: str) -> markup.Span | None:
        """The span `{id.field}` prints: the data, linked; None if this contact has no such data."""
        if field in PHONES:
            p = self.phone(field)
            return markup.Span(p.display, href=p.href, kind="phone") if p else None
        if field == "email" and self.email:
            return markup.Span(self.email, href="mailto:" + self.email, kind="email")
        if field == "website" and self.website:
            return markup.Span(self.website_label, href=self.website, kind="url")
        value = getattr(self, field, None) if field in ("name", "postcode") else None
        return markup.Span(value) if value else None


def parse(node: Node, maker: Maker, seen: dict) -> Contact:
    m = fields(node, ("id",), FIELDS[1:])
    cid = ident(m["id"])
    if cid in seen:
        raise m["id"].error(f"duplicate contact id '{cid}' (first on line {seen[cid]})")
    seen[cid] = m["id"].line
    who = text(m["name"]) if "name" in m else cid
    out = Contact(cid, node.line)
    if "name" in m:
        out = replace(out, name=text(m["name"]))
    if "role" in m:
        out = replace(out, role=maker.make(m["role"], f"contact.{cid}.role", f"Job title of {who}, a contact."))
    if "team" in m:
        out = replace(out, team=maker.make(m["team"], f"contact.{cid}.team", f"Name of the service or team of "
                                           f"{who}, a contact."))
    if "address" in m:
        lines = [m["address"]] if isinstance(m["address"].value, str) else items(m["address"], "address lines")
        out = replace(out, address=tuple(text(a) for a in lines))
    if "postcode" in m:
        postcode = text(m["postcode"]).upper()
        if not POSTCODE.match(postcode):
            raise m["postcode"].error(f"'{postcode}' is not a UK postcode (e.g. KT1 1EU)")
        out = replace(out, postcode=postcode)
    out = replace(out, phones=tuple(_phone(m[k], k) for k in PHONES if k in m))
    if "email" in m:
        email = text(m["email"])
        if not markup.EMAIL.fullmatch(email):
            raise m["email"].error(f"'{email}' is not an e-mail address")
        out = replace(out, email=email)
    if "website" in m:
        out = replace(out, website=web(m["website"]))
    if "hours" in m:
        if isinstance(m["hours"].value, str):
            raise m["hours"].error("opening hours are data, so that each language prints them its own way: "
                                   "write them as a list, e.g. `- {days: monday-friday, opens: \"09:00\", "
                                   "closes: \"17:00\"}`")
        out = replace(out, hours=tuple(_hours(h) for h in items(m["hours"], "opening times")))
    return out


def _phone(node: Node, kind: str) -> Phone:
    if isinstance(node.value, list):
        raise node.error(f"give one number here; for another number use another kind ({', '.join(PHONES)}) "
                         "or another contact")
    value = text(node) if isinstance(node.value, str) else str(node.value)
    number = value
    if kind == "relay_uk" and value.replace(" ", "").startswith(RELAY_PREFIX):
        number = value.strip()[len(RELAY_PREFIX):].strip()
    if not markup.PHONE.fullmatch(number):
        example = "020 8547 6111 (Relay UK prints 18001 before it)" if kind == "relay_uk" else "020 8547 6111"
        raise node.error(f"'{value}' is not a UK phone number (e.g. {example}); quote it if it starts with +")
    return Phone(kind, number)


def _hours(node: Node) -> Hours:
    m = fields(node, ("days", "opens", "closes"))
    hours = Hours(_days(m["days"]), _time(m["opens"]), _time(m["closes"]))
    if hours.closes <= hours.opens:
        raise m["closes"].error(f"closes at {hours.closes:%H:%M}, not after it opens at {hours.opens:%H:%M}")
    return hours


def _day(name: str) -> str:
    """A day's name, or its usual short form (mon, tues, thurs...)."""
    name = name.strip().lower()
    matches = [d for d in DAYS if len(name) >= 3 and d.startswith(name)]
    return matches[0] if len(matches) == 1 else name


def _days(node: Node) -> tuple[int, ...]:
    value = text(node).lower() if isinstance(node.value, str) else None
    if value is None:
        names = [_day(text(d)) for d in items(node, "days")]
    elif "-" in value or " to " in value:  # a range: monday-friday, Mon to Thurs
        parts = [_day(v) for v in re.split(r"\s*-\s*|\s+to\s+", value, maxsplit=1)]
        first, last = parts[0], parts[-1]
        if first not in DAYS or last not in DAYS or DAYS.index(last) < DAYS.index(first):
            raise node.error(f"'{node.value}' is not a range of days like monday-friday")
        names = list(DAYS[DAYS.index(first):DAYS.index(last) + 1])
    else:
        names = [_day(v) for v in re.split(r",|\band\b", value) if v.strip()]
    bad = [n for n in names if n not in DAYS]
    if bad:
        raise node.error(f"'{bad[0]}' is not a day (days: {', '.join(DAYS)}; or a range: monday-friday)")
    return tuple(sorted({DAYS.index(n) for n in names}))


TWELVE = re.compile(r"^(1[0-2]|0?[1-9])(?:[:.]([0-5]\d))?\s*([ap])\.?m\.?$", re.I)


def _time(node: Node) -> datetime.time:
    value = node.value
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 24 * 60:
        return datetime.time(value // 60, value % 60)  # YAML 1.1 reads 09:00 unquoted as 540 minutes
    twelve = TWELVE.match(value.strip()) if isinstance(value, str) else None
    if twelve:  # 9am, 5.30pm: as people write them
        hour = int(twelve.group(1)) % 12 + (12 if twelve.group(3).lower() == "p" else 0)
        return datetime.time(hour, int(twelve.group(2) or 0))
    m = TIME.match(value.strip()) if isinstance(value, str) else None
    if isinstance(value, int) and not isinstance(value, bool):  # 25:00 unquoted reads as 1500 minutes
        raise node.error(f"'{value // 60}:{value % 60:02d}' is not a time of day (24-hour clock, 00:00 to 23:59)")
    if not m:
        raise node.error(f"{describe(node)} is not a time like \"09:00\", \"17:30\" or 5.30pm")
    return datetime.time(int(m.group(1)), int(m.group(2)))


def check_references(maker: Maker, contacts: tuple[Contact, ...]) -> list[LeafletError]:
    """Every `{id.field}` in the text names a contact that has that data."""
    by_id = {c.id: c for c in contacts}
    errors = []
    for node, ref in maker.references:
        cid, field = markup.REF.fullmatch(ref).groups()
        contact = by_id.get(cid)
        if contact is None:
            known = ", ".join(by_id) or "none yet: add them under back.contacts"
            errors.append(node.error(f"{ref} refers to no contact '{cid}' (contacts: {known})"))
        elif field not in REFERABLE:
            errors.append(node.error(f"{ref}: a contact has no field '{field}' to print "
                                     f"(fields: {', '.join(REFERABLE)})"))
        elif contact.reference(field) is None:
            errors.append(node.error(f"{ref}: contact '{cid}' has no {field}; add `{field}:` to it"))
    return errors
