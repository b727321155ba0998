"""The one error type a user sees: a located, one-line message."""
from __future__ import annotations


class LeafletError(Exception):
    """A mistake in the user's input, reported as `file:line: what is wrong`."""

    def __init__(self, message: str, file: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line

    def __str__(self) -> str:
        where = self.file or ""
        if self.file and self.line:
            where = f"{self.file}:{self.line}"
        return f"{where}: {self.message}" if where else self.message
