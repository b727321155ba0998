"""Safe YAML loading that remembers where every value came from.

PyYAML's `safe_load` forgets line numbers and silently keeps the last of two
duplicate keys; leaflet authors need both reported. We compose the node graph
with the SafeLoader and convert it into `Node`s that carry their line.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

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
    return "text"


def join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def load(path: Path | str, display: str | None = None) -> Node:
    """Load one YAML document from `path` into located `Node`s."""
    name = display or str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise LeafletError(f"not valid UTF-8 (byte {exc.start})", name) from None
    except OSError as exc:
        raise LeafletError(f"cannot read file: {exc.strerror}", name) from None
    return loads(text, name)


def loads(text: str, name: str) -> Node:
    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            raise LeafletError("the file is empty", name, 1)
        return _convert(loader, root, name, "")
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        from .yamlhelp import explain

        raise LeafletError(explain(exc, text), name, line) from None
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML raises Marked errors for syntax
        raise LeafletError(f"YAML error: {exc}", name) from None
    finally:
        loader.dispose()


MAP, SEQ = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"


def _convert(loader: yaml.SafeLoader, node: yaml.Node, name: str, path: str) -> Node:
    line = node.start_mark.line + 1
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.tag not in (MAP, SEQ):
        raise LeafletError(f"{path or 'top level'}: YAML tag '{node.tag}' is not allowed", name, line)
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)  # resolves YAML merge keys (<<)
        out: dict[str, Node] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node)
            if not isinstance(key, str):
                raise LeafletError(f"{path or 'top level'}: keys must be text, got {kind(key)}", name,
                                   key_node.start_mark.line + 1)
            if key in out:
                raise LeafletError(f"{join(path, key)}: duplicate key '{key}' (first on line {out[key].line})",
                                   name, key_node.start_mark.line + 1)
            out[key] = _convert(loader, value_node, name, join(path, key))
        return Node(out, name, line, path)
    if isinstance(node, yaml.SequenceNode):
        return Node([_convert(loader, v, name, join(path, i)) for i, v in enumerate(node.value)], name, line, path)
    return Node(loader.construct_object(node), name, line, path)

