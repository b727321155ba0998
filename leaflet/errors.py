"""The one error type a user sees: a located, one-line message."""
from __future__ import annotations

import unicodedata


class LeafletError(Exception):
    """A mistake in the user's input, reported as `file:line: what is wrong`."""

    def __init__(self, message: str, file: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line

    def __reduce__(self):  # raised in a build worker, it reaches the parent whole (file and line too)
        return type(self), (self.message, self.file, self.line)

    def __str__(self) -> str:
        where = self.file or ""
        if self.file and self.line:
            where = f"{self.file}:{self.line}"
        return printable(f"{where}: {self.message}" if where else self.message)


def printable(text: str) -> str:
    """`text` safe to print to a terminal on one line: control, format and
    line-separator characters are shown as escapes (\\x1b, \\u202e), so a
    catalog or file name cannot move the cursor, ring the bell or reorder
    what follows. Letters of every script, and ZWNJ/ZWJ, pass through."""
    out = []
    for ch in text:
        cat = unicodedata.category(ch)
        if ch in "\u200c\u200d" or cat not in ("Cc", "Cf", "Cs", "Co", "Zl", "Zp"):
            out.append(ch)
        elif ord(ch) < 0x100:
            out.append(f"\\x{ord(ch):02x}")
        else:
            out.append(f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}")
    return "".join(out)
