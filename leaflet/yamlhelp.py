"""YAML syntax errors in plain words, with the usual fix: what a
communications officer needs instead of PyYAML's parser vocabulary."""
from __future__ import annotations

import yaml


def explain(exc: yaml.MarkedYAMLError, text: str) -> str:
    words = _plain(exc, text)
    return words if words.startswith("YAML syntax error") else "YAML syntax error: " + words


def _plain(exc: yaml.MarkedYAMLError, text: str) -> str:
    problem = (exc.problem or exc.context or "").strip()
    mark = exc.problem_mark or exc.context_mark
    line = text.splitlines()[mark.line] if mark and mark.line < len(text.splitlines()) else ""
    if "mapping values are not allowed" in problem:
        return ("this line has a second ': ' in its text, which YAML reads as a new key; put the text in quotes, "
                "e.g. title: \"Private fostering: a guide\" (or write it on the next lines after `>-`)")
    if "cannot start any token" in problem and "\\t" in problem:
        return "a tab is used for indenting; YAML needs spaces (two per level)"
    if "cannot start any token" in problem:
        char = problem.split("'")[1] if "'" in problem else "this character"
        return f"a value cannot start with '{char}'; put the text in quotes, e.g. text: \"{char}...\""
    if "end of stream" in problem and ("'" in line or '"' in line or "quoted" in (exc.context or "")):
        return "a quote opened here is never closed; end the text with the same quote mark it starts with"
    if "expected ',' or ']'" in problem or "expected ',' or '}'" in problem:
        return "a list or mapping in [ ] or { } is not closed on this line, or needs quotes around text with a comma"
    if "undefined alias" in problem:
        return "a value starts with '*', which YAML reads as a reference; put the text in quotes"
    if "expected <block end>" in problem or "expected <block mapping start>" in problem:
        return ("the indentation here does not match the lines above: items of one list or mapping start in the "
                "same column (use spaces, two per level), and a list item starts with '- '")
    if "could not find expected ':'" in problem:
        return "a line that should be `key: value` has no ': '; check the indentation, or quote a long text"
    return f"YAML syntax error: {problem}"
