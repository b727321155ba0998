"""Safe YAML loading that remembers where every value came from.

PyYAML's `safe_load` forgets line numbers and silently keeps the last of two
duplicate keys; leaflet authors need both reported. We compose the node graph
with the SafeLoader and convert it into `Node`s that carry their line.
"""
from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import LeafletError


@dataclass(frozen=True)
class Node:
    """A YAML value with its position: `value` is a dict of str -> Node, a
    list of Node, or a scalar (str, int, float, bool, None)."""

    value: Any
    file: str
    line: int
    path: str  # e.g. "sections[2].answer"

    def error(self, message: str) -> LeafletError:
        where = f"{self.path}: " if self.path else ""
        return LeafletError(where + message, self.file, self.line)

    # -- typed accessors -------------------------------------------------
    def mapping(self, required: tuple[str, ...] = (), optional: tuple[str, ...] = ()) -> dict[str, "Node"]:
        if not isinstance(self.value, dict):
            raise self.error(f"must be a mapping, got {kind(self.value)}")
        allowed = set(required) | set(optional)
        for key, child in self.value.items():
            if key not in allowed:
                import difflib  # only for a mistake's hint
                hint = difflib.get_close_matches(key, sorted(allowed), n=1)
                more = f" (did you mean '{hint[0]}'?)" if hint else ""
                raise LeafletError(f"{join(self.path, key)}: unknown key '{key}'{more}", self.file, child.line)
        for key in required:
            if key not in self.value:
                raise self.error(f"missing required key '{key}'")
        return self.value

    def items(self) -> list["Node"]:
        if not isinstance(self.value, list):
            raise self.error(f"must be a list, got {kind(self.value)}")
        if not self.value:
            raise self.error("must not be empty")
        return self.value

    def text(self) -> str:
        if not isinstance(self.value, str):
            raise self.error(f"must be text, got {kind(self.value)}")
        if not self.value.strip():
            raise self.error("must not be empty")
        return self.value

    def number(self) -> float:
        if isinstance(self.value, bool) or not isinstance(self.value, (int, float)):
            raise self.error(f"must be a number, got {kind(self.value)}")
        return float(self.value)


def kind(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, datetime.datetime):
        return "a date and time"
    if isinstance(value, datetime.date):
        return "a date"
    if isinstance(value, bytes):
        return "binary data"
    return "text" if isinstance(value, str) else type(value).__name__


def join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


MAX_BYTES = 1_000_000  # a leaflet's YAML is ~10 KB; a bigger file is a mistake, not a leaflet
MAX_DEPTH = 40  # nesting; the deepest real file goes 5 levels down
SCALARS = {f"tag:yaml.org,2002:{t}": t for t in ("str", "int", "float", "bool", "null", "timestamp")}
MAP, SEQ = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
# Characters with no place in a source file: they hide or reorder text (bidi
# controls, U+202E included), or drive a terminal. Tab, newline and CR are fine.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e"
                       "\u2028\u2029\u2066-\u2069\ufeff\ufff9-\ufffb\ud800-\udfff\ufffe\uffff]")

# libyaml reads a few things otherwise than PyYAML (tabs, tags, explicit keys,
# document markers: it accepts some that PyYAML refuses, and places empty values
# elsewhere). Leaflets use none of them; text that does is read by PyYAML alone.
PYYAML_ONLY = re.compile(r"\t|(?:^|[\s\[\]{},])[!?]|^(?:---|\.\.\.)", re.M)


def load(path: Path | str, display: str | None = None) -> Node:
    """Load one YAML document from `path` into located `Node`s."""
    name = display or str(path)
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise LeafletError(f"cannot read file: {exc.strerror}", name) from None
    if len(data) > MAX_BYTES:
        raise LeafletError(f"the file is larger than {MAX_BYTES // 1000} KB; a leaflet's YAML is far smaller", name)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise LeafletError(f"not valid UTF-8: byte 0x{data[exc.start]:02x} at column {column} "
                           "(save the file as UTF-8)", name, line) from None
    return loads(text.removeprefix("\ufeff"), name)


def loads(text: str, name: str) -> Node:
    import yaml  # here: a process that builds from a plan it was given reads no YAML, and need not load PyYAML

    _Loader, _Fast = _loaders()
    bad = FORBIDDEN.search(text)
    if bad:
        ch, line = bad.group(0), text.count("\n", 0, bad.start()) + 1
        what = unicodedata.name(ch, "control character")
        raise LeafletError(f"character U+{ord(ch):04X} ({what}) is not allowed in a source file "
                           f"(column {bad.start() - text.rfind(chr(10), 0, bad.start())})", name, line)
    if _Fast is not _Loader and not PYYAML_ONLY.search(text):
        try:
            return _load(_Fast, text, name)
        except yaml.YAMLError:
            pass  # libyaml's wording differs: the error is reported as PyYAML's own parser words it
    try:
        return _load(_Loader, text, name)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        from .yamlhelp import explain

        raise LeafletError(explain(exc, text), name, line) from None
    except yaml.YAMLError as exc:  # ReaderError and the like: not located by PyYAML
        raise LeafletError(f"YAML error: {exc}".splitlines()[0], name) from None


def _load(kind, text: str, name: str) -> Node:
    loader = kind(text, name)
    try:
        root = loader.get_single_node()
        if root is None:
            raise LeafletError("the file is empty", name, 1)
        return _convert(loader, root, name, "")
    finally:
        loader.dispose()


@lru_cache(maxsize=1)
def _loaders():
    """(PyYAML's loader, libyaml's) with the guards below: made when first needed."""
    import yaml

    class _Guarded(yaml.composer.Composer):
        """Composing that refuses anchors and aliases before any tree exists (so an
        alias bomb costs nothing), and bounds nesting (so deep brackets are an
        error, not a RecursionError)."""

        def compose_node(self, parent, index):
            event = self.peek_event()
            line = event.start_mark.line + 1
            if isinstance(event, yaml.AliasEvent):
                raise LeafletError(f"YAML alias '*{event.anchor}' is not allowed: write the value out in full",
                                   self.file, line)
            if getattr(event, "anchor", None):
                raise LeafletError(f"YAML anchor '&{event.anchor}' is not allowed: leaflets repeat nothing by "
                                   "reference", self.file, line)
            if self.depth >= MAX_DEPTH:
                raise LeafletError(f"nested more than {MAX_DEPTH} levels deep", self.file, line)
            self.depth += 1
            try:
                return super().compose_node(parent, index)
            finally:
                self.depth -= 1

    class _Loader(_Guarded, yaml.SafeLoader):
        def __init__(self, text: str, name: str):
            super().__init__(text)
            self.file, self.depth = name, 0

    try:
        from yaml.cyaml import CParser
    except ImportError:  # PyYAML built without libyaml
        _Fast = _Loader
    else:
        class _Fast(_Guarded, CParser, yaml.constructor.SafeConstructor, yaml.resolver.Resolver):
            """The same composing over libyaml's scanner and parser (C): the same events,
            so the same nodes and lines, several times faster."""

            def __init__(self, text: str, name: str):
                CParser.__init__(self, text)
                yaml.constructor.SafeConstructor.__init__(self)
                yaml.resolver.Resolver.__init__(self)
                yaml.composer.Composer.__init__(self)
                self.file, self.depth = name, 0

    return _Loader, _Fast


def __getattr__(name: str):
    if name in ("_Loader", "_Fast"):  # the two loaders, for the tests that compare them
        return _loaders()[name == "_Fast"]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _convert(loader, node, name: str, path: str) -> Node:
    import yaml

    line = node.start_mark.line + 1
    where = path or "top level"
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.tag not in (MAP, SEQ):
        raise LeafletError(f"{where}: YAML tag '{_short(node.tag)}' is not allowed", name, line)
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Node] = {}
        for key_node, value_node in node.value:
            if key_node.tag.endswith(":merge"):
                raise LeafletError(f"{where}: YAML merge keys ('<<') are not allowed", name,
                                   key_node.start_mark.line + 1)
            key = _scalar(loader, key_node, name, where) if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str):
                raise LeafletError(f"{where}: keys must be text, got {kind(key) if key is not None else 'a list or mapping'}",
                                   name, key_node.start_mark.line + 1)
            if key in out:
                raise LeafletError(f"{join(path, key)}: duplicate key '{key}' (first on line {out[key].line})",
                                   name, key_node.start_mark.line + 1)
            out[key] = _convert(loader, value_node, name, join(path, key))
        return Node(out, name, line, path)
    if isinstance(node, yaml.SequenceNode):
        return Node([_convert(loader, v, name, join(path, i)) for i, v in enumerate(node.value)], name, line, path)
    return Node(_scalar(loader, node, name, where), name, line, path)


def _scalar(loader, node, name: str, where: str) -> Any:
    import yaml

    line = node.start_mark.line + 1
    tag = SCALARS.get(node.tag)
    if tag is None:
        what = " (binary data has no place in a leaflet)" if node.tag.endswith(":binary") else ""
        raise LeafletError(f"{where}: YAML tag '{_short(node.tag)}' is not allowed{what}", name, line)
    try:
        value = loader.construct_object(node)
    except yaml.MarkedYAMLError:
        raise
    except (ValueError, TypeError, AttributeError, OverflowError, KeyError) as exc:
        # e.g. `updated: 2026-13-45` matches YAML's date pattern but is no date
        shown = node.value if len(node.value) <= 40 else node.value[:40] + "..."
        why = "a date like 2026-11-26" if tag == "timestamp" else f"a valid {tag}"
        detail = f" ({exc})" if tag == "timestamp" and isinstance(exc, ValueError) and str(exc) else ""
        raise LeafletError(f"{where}: '{shown}' is not {why}{detail}", name, line) from None
    bad = FORBIDDEN.search(value) if isinstance(value, str) else None
    if bad:  # written as an escape in a quoted string ("\u202e", "\x1b")
        ch = bad.group(0)
        raise LeafletError(f"{where}: character U+{ord(ch):04X} ({unicodedata.name(ch, 'control character')}) "
                           "is not allowed", name, line)
    return value


def _short(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")
