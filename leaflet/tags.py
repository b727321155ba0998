"""Language codes from the command line: BCP 47 syntax, checked before a code
is ever joined to a path (a code names folders under translations/ and files
under --out, so `en/../../x` must never get that far).

Only the syntax is checked here; whether we have a language is
`catalogs.languages`' concern.
"""
from __future__ import annotations

import re

from .errors import LeafletError, printable

# language[-script][-region][-variant...]: letters and digits only (RFC 5646 2.1).
TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|[0-9]{3}))?"
                 r"(?:-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*")


def validate(code: str) -> str:
    """`code` if it is a well-formed language tag, else a LeafletError."""
    if not isinstance(code, str) or len(code) > 35 or not TAG.fullmatch(code):
        raise LeafletError(f"--lang: '{printable(str(code))[:60]}' is not a language code "
                           "(a BCP 47 tag such as pl, ur, zh-Hans or en-GB)")
    return code
