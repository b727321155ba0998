"""Web addresses: https only, printed without the scheme."""
from __future__ import annotations

import re

from ..source import Node
from .base import describe

HOST = r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,}"
WEB = re.compile(rf"^https://{HOST}(?:/[^\s<>\"]*)?$")


def web(node: Node) -> str:
    url = node.value.strip() if isinstance(node.value, str) else None
    if not url or not WEB.match(url):
        raise node.error(f"{describe(node)} is not a web address starting with https://")
    return url


def display_url(url: str) -> str:
    return re.sub(r"^https?://", "", url).rstrip("/")
