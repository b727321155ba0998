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
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        if args.command in (None, "build"):
            return _build(getattr(args, "paths", []), getattr(args, "out", Path("build")))
    except LeafletError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    return 0


def _build(paths: list[Path], out: Path) -> int:
    from . import build

    outputs = build.build(paths or build.all_content(), out)
    for o in outputs:
        print(f"wrote {out / o.path} ({o.pages} pages, body {o.body_size:g} pt, {len(o.data) // 1024} KB)")
        for warning in o.warnings if o.format == "screen" else ():
            print(f"warning: {warning}", file=sys.stderr)
    print(f"wrote {out / 'manifest.json'}")
    return 0
