"""Reading a review file's YAML: the header and the decisions of its facts and history, each with
the line it starts on; every problem of form (bad YAML, a missing or mistyped field, a bad
decision value, an N-Triples term that does not parse) is collected and the file refused with all
of them. Whether the facts and edits fit the draft is checked by ``file.load_review``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyoxigraph as ox
import yaml

from diplokg.review.errors import ReviewError
from diplokg.review.model import Decision, Edit, parse_term

Entry = tuple[int, str, Decision]  # line, fact IRI, decision
_HEADER = ("draft", "sha256", "graph")
_DECISION_KEYS = {"fact", "rule", "sentence", "questions", "decision", "answers", "edits", "reviewer", "decided",
                  "action"}


def read_review_file(path: Path) -> tuple[dict[str, str], list[Entry], list[Entry], list[int]]:
    """The header, the facts, the history of a review file and the action of each history entry
    (one action: the decisions made at once, e.g. on a whole sentence; an entry without one is an
    action of its own); :class:`ReviewError` if malformed."""
    try:
        text = path.read_text(encoding="utf-8")
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except (OSError, UnicodeDecodeError) as e:
        raise ReviewError(f"cannot read the review file {path}: {e}") from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        raise ReviewError(f"{path}: {where}not valid YAML: {getattr(e, 'problem', None) or e}") from None
    if not isinstance(data, dict) or not isinstance(root, yaml.MappingNode):
        raise ReviewError(f"{path}: not a review file (a mapping with draft, sha256, graph, facts, history)")
    problems: list[str] = []
    header = {key: data.get(key) for key in _HEADER}
    for key, value in header.items():
        if not isinstance(value, str) or not value:
            problems.append(f"header: {key} must be a non-empty string")
    if isinstance(header["draft"], str) and Path(header["draft"]).name != header["draft"]:
        problems.append(f"header: draft {header['draft']!r} must be a file name beside the review file")
    lines = {k.value: v for k, v in root.value if isinstance(k, yaml.ScalarNode)}
    facts = _entries(data.get("facts"), lines.get("facts"), "facts", problems)
    history = _entries(data.get("history", []), lines.get("history"), "history", problems)
    actions = _actions(data.get("history") or [], history, problems)
    seen: set[str] = set()
    for line, fact, _ in facts:
        if fact in seen:
            problems.append(f"line {line}: fact {fact} is listed twice")
        seen.add(fact)
    if problems:
        raise ReviewError(f"{path}: refused ({len(problems)} problem(s))", problems)
    return {k: str(v) for k, v in header.items()}, facts, history, actions


def _actions(raw: Any, history: list[Entry], problems: list[str]) -> list[int]:
    """The action number of each history entry, in order and never decreasing."""
    if not isinstance(raw, list) or len(raw) != len(history):
        return []  # the history's own problems are reported already
    out: list[int] = []
    for item, (line, fact, _) in zip(raw, history, strict=True):
        value = item.get("action")
        if value is None:
            value = (out[-1] if out else 0) + 1
        if not isinstance(value, int) or isinstance(value, bool) or value < 1 or (out and value < out[-1]):
            problems.append(f"line {line}: fact {fact}: action must be a whole number from 1, never lower than "
                            "the entry before")
            value = out[-1] if out else 1
        out.append(value)
    return out


def _entries(value: Any, node: yaml.Node | None, name: str, problems: list[str]) -> list[Entry]:
    if value is None and name == "history":
        return []
    if not isinstance(value, list) or not isinstance(node, yaml.SequenceNode):
        problems.append(f"{name} must be a list")
        return []
    out = []
    for item, item_node in zip(value, node.value, strict=True):
        line = item_node.start_mark.line + 1
        entry = _entry(item, line, problems)
        if entry is not None:
            out.append(entry)
    return out


def _entry(item: Any, line: int, problems: list[str]) -> Entry | None:
    if not isinstance(item, dict) or not isinstance(item.get("fact"), str):
        problems.append(f"line {line}: an entry must be a mapping with a fact IRI")
        return None
    fact, before = item["fact"], len(problems)
    say = f"line {line}: fact {fact}"
    for key in sorted(set(item) - _DECISION_KEYS, key=str):
        problems.append(f"{say}: unknown field {key!r}")
    decision = _string(item, "decision", say, problems)
    reviewer, decided = _string(item, "reviewer", say, problems), _string(item, "decided", say, problems)
    answers = item.get("answers") or []
    if not isinstance(answers, list) or not all(isinstance(a, str) for a in answers):
        problems.append(f"{say}: answers must be a list of strings")
        answers = []
    edits = [e for raw in _list(item, "edits", say, problems) if (e := _edit(raw, say, problems))]
    if len(problems) > before:
        return None
    return line, fact, Decision(decision, tuple(answers), tuple(edits), reviewer, decided)


def _string(item: dict[str, Any], key: str, say: str, problems: list[str]) -> str:
    value = item.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):  # YAML reads an unquoted time as a datetime: say how to write it
        problems.append(f"{say}: {key} must be a string (quote it: '{value}')")
        return ""
    return value.strip()


def _list(item: dict[str, Any], key: str, say: str, problems: list[str]) -> list[Any]:
    value = item.get(key) or []
    if not isinstance(value, list):
        problems.append(f"{say}: {key} must be a list")
        return []
    return value


def _edit(raw: Any, say: str, problems: list[str]) -> Edit | None:
    if not isinstance(raw, dict) or set(raw) - {"resource", "property", "old", "new"}:
        problems.append(f"{say}: an edit is a mapping of resource, property, old, new")
        return None
    try:
        resource, prop = parse_term(raw.get("resource"), False), parse_term(raw.get("property"), False)
        old, new = (parse_term(raw[k]) if raw.get(k) else None for k in ("old", "new"))
    except ValueError as e:
        problems.append(f"{say}: edit: {e}")
        return None
    assert isinstance(resource, ox.NamedNode) and isinstance(prop, ox.NamedNode)
    return Edit(resource, prop, old, new)
