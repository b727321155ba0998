"""Image files a leaflet names (logos): inside the project, and checked from
their headers before anything decodes them.

The rule (README: Writing a leaflet): an image path is relative to the content
file and must resolve, symlinks included, to a file in the content file's
folder or below it. A 20000 x 20000 PNG is a few KB on disk and 1.6 GB
decoded, so the size is read from the header first.
"""
from __future__ import annotations

import struct
from pathlib import Path

from .source import Node

MAX_SIDE = 10_000  # pixels
MAX_PIXELS = 25_000_000  # a 300 dpi A4 page is 8.7 million
MAX_VECTOR = 5_000_000  # bytes of SVG
PNG = b"\x89PNG\r\n\x1a\n"
SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def logo(node: Node, base: Path, vector: tuple[str, ...] = (), what: str = "a logo") -> str:
    """The real path of the image `node` names, relative to `base`, once checked.
    A file with a `vector` suffix (SVG) is only checked to be inside the folder."""
    raw = node.text().strip()
    folder = base.resolve()
    try:
        real = (folder / raw).resolve(strict=True)
    except (OSError, RuntimeError):
        if vector:
            raise node.error(f"there is no file '{raw}' next to the content file "
                             f"({what}'s path is relative to it)") from None
        raise node.error(f"'{raw}' is not a PNG or JPEG file: there is no such file "
                         f"({what}'s path is relative to the content file)") from None
    if not real.is_relative_to(folder):
        raise node.error(f"'{raw}' is outside the content file's folder ({folder}); "
                         f"{what} must be in that folder or below it") from None
    if real.suffix.lower() in vector and real.is_file():
        if real.stat().st_size > MAX_VECTOR:
            raise node.error(f"'{raw}' is {real.stat().st_size // 1_000_000} MB; a drawing may be at most "
                             f"{MAX_VECTOR // 1_000_000} MB")
        return str(real)
    if real.suffix.lower() not in (".png", ".jpg", ".jpeg") or not real.is_file():
        raise node.error(f"'{raw}' is not a PNG or JPEG file (.png, .jpg or .jpeg)"
                         + (" or an SVG drawing" if vector else ""))
    try:
        with open(real, "rb") as fh:
            width, height = size(fh)
    except OSError as exc:
        raise node.error(f"'{raw}': cannot read file: {exc.strerror}") from None
    except ValueError as exc:
        raise node.error(f"'{raw}' {exc}") from None
    if max(width, height) > MAX_SIDE or width * height > MAX_PIXELS:
        raise node.error(f"'{raw}' is {width} x {height} pixels; {what} may be at most {MAX_SIDE} pixels a side "
                         f"and {MAX_PIXELS // 1_000_000} million pixels")
    _decode(real, raw, node)
    return str(real)


def size(fh) -> tuple[int, int]:
    """(width, height) from a PNG or JPEG header; ValueError saying what the file is not."""
    head = fh.read(24)
    if head.startswith(PNG):
        if len(head) < 24 or head[12:16] != b"IHDR":
            raise ValueError("is a damaged PNG file (no image header)")
        width, height = struct.unpack(">II", head[16:24])
    elif head.startswith(b"\xff\xd8"):
        width, height = _jpeg_size(fh)
    else:
        raise ValueError("is not a PNG or JPEG image (its first bytes say otherwise)")
    if not width or not height:
        raise ValueError("has no pixels (width or height 0)")
    return width, height


def _jpeg_size(fh) -> tuple[int, int]:
    fh.seek(2)
    for _ in range(1000):  # segments before the frame header: a handful in practice
        marker = fh.read(2)
        if len(marker) < 2 or marker[0] != 0xFF:
            break
        if marker[1] in (0x01, 0xD0, 0xD1, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7, 0xFF):
            fh.seek(-1 if marker[1] == 0xFF else 0, 1)
            continue
        length = fh.read(2)
        if len(length) < 2:
            break
        if marker[1] in SOF:
            frame = fh.read(5)
            if len(frame) < 5:
                break
            height, width = struct.unpack(">HH", frame[1:5])
            return width, height
        fh.seek(struct.unpack(">H", length)[0] - 2, 1)
    raise ValueError("is a damaged JPEG file (no frame header)")


def _decode(real: Path, raw: str, node: Node) -> None:
    """Decode once now, so a damaged file is this line's error, not a crash mid-typesetting."""
    from PIL import Image

    try:
        with Image.open(real) as im:
            im.load()
    except Exception as exc:  # Pillow raises many types for damaged data
        raise node.error(f"'{raw}' is a damaged image ({str(exc)[:80]})") from None
