"""Bad content files: each case turns the real leaflet into a broken one.

`make(seed, folder)` returns the file's bytes (and may write files beside it,
e.g. images); `line` is the line the error must name (None: any line, or a
message with no line) and `contains` a part of the message.
"""
from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .project import ROOT

SEED = (ROOT / "content" / "serious-case-reviews.yaml").read_text(encoding="utf-8")


def line_of(needle: str, text: str = SEED) -> int:
    return text[:text.index(needle)].count("\n") + 1


def sub(old: str, new: str) -> Callable[[str, Path], bytes]:
    assert old in SEED, old
    return lambda seed, folder: seed.replace(old, new, 1).encode("utf-8")


def png(width: int, height: int) -> bytes:
    """A real, valid 1-bit PNG of any size (a 20000 x 20000 one is ~60 KB on disk)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = b"\x00" * (1 + (width + 7) // 8)
    z = zlib.compressobj(9)
    body = b"".join(z.compress(row) for _ in range(height)) + z.flush()
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0))
            + chunk(b"IDAT", body) + chunk(b"IEND", b""))


def with_logo(logo: str, setup: Callable[[Path], None]) -> Callable[[str, Path], bytes]:
    def make(seed: str, folder: Path) -> bytes:
        setup(folder)
        return seed.replace("      name: Kingston LSCB\n",
                            f"      name: Kingston LSCB\n      logo: {logo}\n      alt: Kingston LSCB\n", 1).encode()
    return make


def writes(name: str, data: bytes) -> Callable[[Path], None]:
    def setup(folder: Path) -> None:
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return setup


def links(name: str, to: str, data: bytes | None = None) -> Callable[[Path], None]:
    def setup(folder: Path) -> None:
        target = (folder / to)
        if data is not None:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        (folder / name).symlink_to(target)
    return setup


LOGO_LINE = line_of("      name: Kingston LSCB\n") + 1
ANSWER = "          The **LSCB** brings together"
ANSWER_LINE = line_of("        text: >-\n          The **LSCB**")


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[str, Path], bytes]
    line: int | None
    contains: str


def bomb(depth: int = 9) -> bytes:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, depth)]
    return ("\n".join(lines) + "\n").encode()


def more_sections(count: int, text: str) -> Callable[[str, Path], bytes]:
    def make(seed: str, folder: Path) -> bytes:
        at = seed.index("sections:\n") + len("sections:\n")
        extra = "".join(f"  - id: x{k}\n    question: Q{k}?\n    answer:\n      - id: a\n        text: {text}\n"
                        for k in range(count))
        return (seed[:at] + extra + seed[at:]).encode()
    return make


SECTIONS_LINE = line_of("sections:\n") + 1


CASES = [
    # 15.5: tracebacks before
    Case("impossible-date", sub("updated: 2026-11-26", "updated: 2026-13-45"), line_of("updated:"),
         "'2026-13-45' is not a date like 2026-11-26 (month must be in 1..12)"),
    Case("february-30", sub("updated: 2026-11-26", "updated: 2026-02-30"), line_of("updated:"), "not a date"),
    Case("raw-escape", sub("  title: Serious Case Reviews", "  title: Serious \x1b[31mCase Reviews"),
         line_of("  title:"), "U+001B"),
    Case("raw-bell-in-comment", sub("# Serious Case Reviews:", "# Serious \x07Case Reviews:"),
         line_of("# Serious Case Reviews:"), "U+0007"),
    Case("nul-byte", sub("  subtitle: Information", "  subtitle: Infor\x00mation"), line_of("  subtitle:"),
         "U+0000"),
    Case("timestamp-tag-on-text", sub("updated: 2026-11-26", "updated: !!timestamp last tuesday"),
         line_of("updated:"), "'last tuesday' is not a date"),
    Case("deep-brackets", sub("  title: Serious Case Reviews", "  title: " + "[" * 5000 + "]" * 5000),
         line_of("  title:"), "nested more than"),
    Case("deep-braces", sub("  title: Serious Case Reviews", "  title: " + "{a: " * 3000 + "}" * 3000),
         line_of("  title:"), "nested more than"),
    Case("alias-bomb", lambda seed, folder: bomb() + seed.encode(), 1, "YAML anchor '&a0' is not allowed"),
    Case("alias-to-anchor", sub("  title: Serious Case Reviews\n  subtitle: Information for parents and carers",
                                "  title: &t Serious Case Reviews\n  subtitle: *t"), line_of("  title:"),
         "anchor '&t'"),
    Case("merge-key", sub("  title: Serious Case Reviews", "  <<: {title: x}\n  title: Serious Case Reviews"),
         line_of("  title:"), "merge keys"),
    Case("text-file-named-logo", with_logo("logo.png", writes("logo.png", b"this is not an image\n")), LOGO_LINE,
         "is not a PNG or JPEG image"),
    Case("decompression-bomb", with_logo("big.png", writes("big.png", png(20000, 20000))), LOGO_LINE,
         "is 20000 x 20000 pixels"),
    Case("truncated-png", with_logo("cut.png", writes("cut.png", png(200, 100)[:60])), LOGO_LINE,
         "is a damaged image"),
    Case("jpeg-bomb-header", with_logo("big.jpg", writes("big.jpg", b"\xff\xd8\xff\xc0\x00\x11\x08\xea\x60\xea\x60"
                                                            b"\x03\x01\x22\x00\x02\x11\x01\x03\x11\x01\xff\xd9")),
         LOGO_LINE, "is 60000 x 60000 pixels"),
    # 15.6: limits
    Case("block-too-long", sub(ANSWER, "          " + "Children need to be kept safe. " * 70 + "The **LSCB**"),
         ANSWER_LINE, "a block may have at most 2000"),
    Case("word-too-long", sub(ANSWER, "          " + "x" * 500 + " The **LSCB**"), ANSWER_LINE,
         "a word may have at most 100"),
    # without these, 3,000 one-word questions took 2.5 minutes to fail, 4,000 short ones 10
    Case("too-many-blocks", more_sections(3000, "Yes."), SECTIONS_LINE + 5 * 199 + 1, "passes 400 blocks"),
    Case("too-much-text", more_sections(70, ("Children need to be kept safe. " * 32)[:950]), None,
         "the leaflet's text passes 60,000 characters"),
    Case("file-too-large", lambda seed, folder: seed.encode() + b"# " + b"x" * 1_100_000 + b"\n", None,
         "larger than 1000 KB"),
    # 15.8: messages
    Case("latin-1", lambda seed, folder: seed.replace("Guildhall 2", "Guildhall 2 caf\xe9").encode("latin-1",
                                                                                                   "replace"),
         line_of("Guildhall 2"), "not valid UTF-8: byte 0xe9"),
    Case("binary-title", sub("  title: Serious Case Reviews", "  title: !!binary U2VyaW91cyBDYXNl"),
         line_of("  title:"), "'!!binary' is not allowed (binary data"),
    Case("python-object", sub("  title: Serious Case Reviews", "  title: !!python/object/apply:os.system [id]"),
         line_of("  title:"), "YAML tag '!!python/object/apply:os.system' is not allowed"),
    Case("date-as-title", sub("  title: Serious Case Reviews", "  title: 2026-01-01"), line_of("  title:"),
         "must be text, got a date"),
    # 15.9: English content
    Case("rlo-raw", sub("  title: Serious Case Reviews", "  title: Serious \u202eweiveR esaC"), line_of("  title:"),
         "U+202E (RIGHT-TO-LEFT OVERRIDE)"),
    Case("rlo-escaped", sub("  title: Serious Case Reviews", '  title: "Serious \\u202eweiveR esaC"'),
         line_of("  title:"), "U+202E"),
    Case("escape-escaped-in-name", sub("    name: Lee Hopkins", '    name: "Lee \\x1b[2JHopkins"'),
         line_of("    name: Lee"), "U+001B"),
    Case("zero-width-space", sub("  subtitle: Information", "  subtitle: Infor\u200bmation"),
         line_of("  subtitle:"), "U+200B"),
    Case("http-link", sub("The **LSCB**", "The [LSCB](http://www.kingstonlscb.org.uk)"), ANSWER_LINE,
         "must start with https://"),
    Case("tel-link", sub("The **LSCB**", "The [LSCB](tel:+442085476111)"), ANSWER_LINE,
         "cannot be typed into text: put the number in a contact"),
    Case("javascript-link", sub("The **LSCB**", "The [LSCB](javascript:alert(1))"), ANSWER_LINE,
         "link address must start with https://"),
    Case("http-website", sub("    website: https://www", "    website: http://www"), line_of("    website:"),
         "starting with https://"),
    # 15.10: a logo inside the project folder
    Case("logo-dot-dot", with_logo("../outside.png", lambda f: (f.parent / "outside.png").write_bytes(png(40, 20))),
         LOGO_LINE, "is outside the content file's folder"),
    Case("logo-absolute", with_logo(str(ROOT / "docs" / "front.png"), lambda f: None), LOGO_LINE,
         "is outside the content file's folder"),
    Case("logo-symlink-out", with_logo("logo.png", links("logo.png", "../elsewhere/real.png", png(40, 20))),
         LOGO_LINE, "is outside the content file's folder"),
    Case("logo-missing", with_logo("nowhere.png", lambda f: None), LOGO_LINE, "there is no such file"),
    Case("logo-folder", with_logo("pics.png", lambda f: (f / "pics.png").mkdir()), LOGO_LINE,
         "is not a PNG or JPEG file"),
    # more of our own
    Case("tab-indent", sub("  title: Serious", "\ttitle: Serious"), line_of("  title:"), "YAML syntax error"),
    Case("list-as-key", sub("  title: Serious Case Reviews", "  ? [a, b]\n  : x\n  title: Serious Case Reviews"),
         line_of("  title:"), "keys must be text"),
    Case("huge-int", sub("  title: Serious Case Reviews", "  title: 1" + "0" * 5000), line_of("  title:"),
         "is not a valid int"),
    Case("bool-tag", sub("  title: Serious Case Reviews", "  title: !!bool maybe"), line_of("  title:"),
         "is not a valid bool"),
    Case("two-documents", lambda seed, folder: (seed + "---\nid: again\n").encode(), None, "YAML syntax error"),
    Case("only-a-comment", lambda seed, folder: b"# nothing here\n", 1, "the file is empty"),
    Case("random-bytes", lambda seed, folder: bytes(range(256)) * 4, None, "not valid UTF-8"),
    Case("stray-bold", sub("The **LSCB**", "The **LSCB"), ANSWER_LINE, "'**' opened here is never closed"),
    Case("unclosed-link", sub("The **LSCB**", "The [LSCB(https://x.org)"), ANSWER_LINE, "starts a link"),
    Case("duplicate-key", sub("  subtitle: Information", "  title: Again\n  subtitle: Information"),
         line_of("  subtitle:"), "duplicate key 'title'"),
]
