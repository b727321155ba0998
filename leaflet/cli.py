"""Command line: `python generate.py [build PATH... --out DIR]`.

Thin by design: parse arguments, call the stages, turn a LeafletError into one
line on stderr and exit status 2.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import LeafletError


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="generate.py", description="Build folded A5 information leaflets.")
    sub = p.add_subparsers(dest="command")
    b = sub.add_parser("build", help="build leaflets (default: every file in content/)")
    b.add_argument("paths", nargs="*", type=Path, help="content YAML files")
    b.add_argument("--out", type=Path, default=Path("build"), help="output directory (default: build)")
    b.add_argument("--lang", action="append", help="language code, or 'all' (default: English and every "
                   "complete translation); may be repeated")
    b.add_argument("--allow-partial", action="store_true",
                   help="print incomplete translations, with the missing blocks in English")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        if args.command in (None, "build"):
            return _build(getattr(args, "paths", []), getattr(args, "out", Path("build")),
                          getattr(args, "lang", None), getattr(args, "allow_partial", False))
    except LeafletError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    return 0


def _build(paths: list[Path], out: Path, languages: list[str] | None, allow_partial: bool) -> int:
    from . import build

    outputs, skipped = build.build(paths or build.all_content(), out, languages, allow_partial)
    for warning in skipped:
        print(f"warning: {warning}", file=sys.stderr)
    for o in outputs:
        print(f"wrote {out / o.path} ({o.pages} pages, body {o.body_size:g} pt, {len(o.data) // 1024} KB)")
        if o.format == "screen":
            for warning in o.warnings:
                print(f"warning: {warning}", file=sys.stderr)
            if o.english_blocks:
                print(f"warning: {o.path.name}: left in English: {', '.join(o.english_blocks)}", file=sys.stderr)
    print(f"wrote {out / 'manifest.json'}")
    return 0
