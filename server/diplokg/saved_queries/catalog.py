"""Saved queries: one SPARQL file per research question in ``queries/``, with a grlc-compatible
metadata header, typed parameters, and binding of parameter values as RDF terms.

Header: the leading ``#+ `` comment lines of a file form a YAML mapping (grlc's keys ``summary``,
``description``, ``tags``, ``defaults``, ``enumerate``, plus ``view`` and ``params``). The file stays
a plain SPARQL query that runs unchanged in any tool.

Parameters follow grlc's naming convention: ``?_name_type`` is required, ``?__name_type`` optional;
``type`` is ``iri``, ``xsd_date``, ``xsd_gYear``, ``xsd_integer``, ``xsd_decimal``, ``xsd_string``,
``xsd_boolean`` or a language tag (``en``, ``de``: a language-tagged string). Values are checked
against the type and bound with pyoxigraph ``substitutions`` — never pasted into the query text.
pyoxigraph substitutes only variables of the SELECT projection, so every parameter variable must be
projected (the loader checks it); an optional parameter left unbound must not make the query fail
(write its filters as ``COALESCE(condition, true)``: pyoxigraph folds ``BOUND()`` of a substituted
variable to false).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import yaml

from diplokg.core.errors import DiplokgError
from diplokg.core.lexer import QUERY_FORMS, QueryForm, analyse, tokens

XSD = "http://www.w3.org/2001/XMLSchema#"
VIEWS = ("table", "timeline", "chart", "network")
_PARAM_VAR = re.compile(r"^[?$](_{1,2})([A-Za-z][A-Za-z0-9]*)_(iri|xsd_[A-Za-z]+|[a-z]{2,3})$")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_TYPES = {"iri", "xsd_date", "xsd_gYear", "xsd_integer", "xsd_decimal", "xsd_string", "xsd_boolean"}


#: The allowed values of an enumerated IRI parameter: the instances of its class (bound as ?class).
ALLOWED_VALUES_QUERY = "SELECT DISTINCT ?v ?class WHERE { ?v a ?class }"


class SavedQueryError(DiplokgError):
    """A saved-query file is malformed."""


class ParameterError(DiplokgError):
    """A parameter value is missing, unknown or of the wrong type; the message names the parameter."""

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(f"parameter '{parameter}': {message}")
        self.parameter = parameter


@dataclass(frozen=True)
class Parameter:
    name: str
    variable: str  # without the leading ?
    type: str  # iri, xsd_date, …, or a language tag
    required: bool
    default: str | None = None
    description: str = ""
    enumerate: bool = False
    values_class: str | None = None  # IRI of the class whose instances are the allowed values

    @property
    def datatype(self) -> str | None:
        return XSD + self.type[4:] if self.type.startswith("xsd_") else None

    @property
    def language(self) -> str | None:
        return None if self.type == "iri" or self.type.startswith("xsd_") else self.type

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "string"}
        if self.type == "iri":
            schema["format"] = "iri"
        elif self.type == "xsd_date":
            schema["format"] = "date"
        elif self.type == "xsd_integer":
            schema = {"type": "integer"}
        elif self.type == "xsd_decimal":
            schema = {"type": "number"}
        elif self.type == "xsd_boolean":
            schema = {"type": "boolean"}
        elif self.type == "xsd_gYear":
            schema["pattern"] = r"^-?\d{4}$"
        if self.default is not None:
            schema["default"] = self.default
        return schema


@dataclass(frozen=True)
class SavedQuery:
    slug: str
    path: Path
    text: str
    form: QueryForm
    summary: str
    description: str
    tags: tuple[str, ...]
    view: str
    parameters: tuple[Parameter, ...]
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def federated(self) -> bool:
        return bool(analyse(self.text).services)

    def parameter(self, name: str) -> Parameter | None:
        return next((p for p in self.parameters if p.name == name), None)

    def bind(self, raw: Mapping[str, str | list[str]], allowed: Mapping[str, set[str]] | None = None,
             use_defaults: bool = True) -> dict[ox.Variable, ox.NamedNode | ox.Literal]:
        """Validate parameter values (strings as they come from a URL or form) and return them as
        pyoxigraph substitutions. Unknown names, repeated values, missing required parameters,
        values of the wrong type and values outside an enumeration raise ParameterError."""
        known = {p.name for p in self.parameters}
        for name in raw:
            if name not in known:
                raise ParameterError(name, f"unknown parameter of query '{self.slug}' (parameters: "
                                     f"{', '.join(sorted(known)) or 'none'})")
        bindings: dict[ox.Variable, ox.NamedNode | ox.Literal] = {}
        for p in self.parameters:
            value = raw.get(p.name)
            if isinstance(value, list):
                if len(value) > 1:
                    raise ParameterError(p.name, "give it at most once")
                value = value[0] if value else None
            if value is None or value == "":
                value = p.default if use_defaults else None
            if value is None or value == "":
                if p.required:
                    raise ParameterError(p.name, "required, and no value was given")
                continue
            term = to_term(p, value)
            if allowed is not None and p.name in allowed and term.value not in allowed[p.name]:
                raise ParameterError(p.name, f"{value!r} is not one of the allowed values")
            bindings[ox.Variable(p.variable)] = term
        return bindings


def to_term(p: Parameter, value: str) -> ox.NamedNode | ox.Literal:
    """A parameter value as an RDF term of the parameter's type."""
    value = value.strip()
    if p.type == "iri":
        if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", value) or _IRI_FORBIDDEN.search(value):
            raise ParameterError(p.name, f"{value!r} is not an absolute IRI")
        try:
            return ox.NamedNode(value)
        except ValueError:
            raise ParameterError(p.name, f"{value!r} is not a valid IRI") from None
    if p.language:
        return ox.Literal(value, language=p.language)
    checks: dict[str, Callable[[str], object]] = {
        "xsd_date": lambda v: dt.date.fromisoformat(v) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", v),
        "xsd_gYear": lambda v: re.fullmatch(r"-?\d{4,}", v),
        "xsd_integer": lambda v: re.fullmatch(r"[+-]?\d+", v),
        "xsd_decimal": lambda v: Decimal(v).is_finite() and re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", v),
        "xsd_boolean": lambda v: v in ("true", "false", "1", "0"),
        "xsd_string": lambda v: True,
    }
    try:
        ok = checks[p.type](value)
    except (ValueError, InvalidOperation):
        ok = False
    if not ok:
        raise ParameterError(p.name, f"{value!r} is not a valid {p.type.replace('_', ':')}")
    assert p.datatype is not None, "the checks are those of the xsd_ types"
    return ox.Literal(value, datatype=ox.NamedNode(p.datatype))


def parse_header(text: str, where: str) -> tuple[dict[str, Any], int]:
    """The YAML of the leading ``#+`` lines, and the number of header lines."""
    lines = []
    for line in text.splitlines():
        if line.startswith("#+"):
            lines.append(line[3:] if line.startswith("#+ ") else line[2:])
        elif lines or line.strip():
            break
    try:
        meta = yaml.safe_load("\n".join(lines)) if lines else {}
    except yaml.YAMLError as e:
        raise SavedQueryError(f"{where}: metadata header is not valid YAML: {e}") from None
    if not isinstance(meta, dict):
        raise SavedQueryError(f"{where}: metadata header must be a mapping of keys to values")
    return meta, len(lines)


def _defaults(meta: dict[str, Any]) -> dict[str, str]:
    raw = meta.get("defaults") or []
    items: Iterable[tuple[str, Any]] = raw.items() if isinstance(raw, dict) else (
        kv for entry in raw for kv in (entry.items() if isinstance(entry, dict) else []))
    return {str(k): str(v) for k, v in items}


def load_file(path: Path) -> SavedQuery:
    where = str(path)
    slug = path.stem
    if not _SLUG.match(slug):
        raise SavedQueryError(f"{where}: file names must be lower-case slugs (a-z, 0-9, '-')")
    text = path.read_text(encoding="utf-8")
    meta, _ = parse_header(text, where)
    summary = meta.get("summary")
    if not isinstance(summary, str) or not summary.strip():
        raise SavedQueryError(f"{where}: the header needs a 'summary'")
    view = str(meta.get("view", "table"))
    if view not in VIEWS:
        raise SavedQueryError(f"{where}: view must be one of {', '.join(VIEWS)}, not {view!r}")
    info = analyse(text)
    if info.form not in QUERY_FORMS:
        raise SavedQueryError(f"{where}: not a SPARQL query (form {info.form})")
    params = _parameters(text, meta, where)
    if info.form is QueryForm.SELECT and info.projection is not None:
        missing = [p.variable for p in params.values() if p.variable not in info.projection]
        if missing:
            raise SavedQueryError(f"{where}: parameter variables must be in the SELECT projection so they can be "
                                  f"bound as RDF terms: {', '.join('?' + m for m in missing)}")
    tags = meta.get("tags") or []
    return SavedQuery(slug, path, text, info.form, summary.strip(), str(meta.get("description", "")).strip(),
                      tuple(str(t) for t in tags), view, tuple(params[k] for k in sorted(params)), meta)


def _parameters(text: str, meta: dict[str, Any], where: str) -> dict[str, Parameter]:
    """The parameters of a query: its variables named by grlc's convention, described by its header."""
    defaults, enumerate_ = _defaults(meta), {str(x) for x in meta.get("enumerate") or []}
    descriptions = meta.get("params") or {}
    params: dict[str, Parameter] = {}
    for var in sorted({t for kind, t in tokens(text) if kind == "var"}):
        m = _PARAM_VAR.match(var)
        if not m:
            if re.match(r"^[?$]_", var):
                raise SavedQueryError(f"{where}: {var} looks like a parameter but does not follow ?_name_type "
                                      f"(type: iri, xsd_date, xsd_gYear, xsd_integer, xsd_decimal, xsd_string, "
                                      f"xsd_boolean or a language tag)")
            continue
        underscores, name, type_ = m.groups()
        if type_.startswith("xsd_") and type_ not in _TYPES:
            raise SavedQueryError(f"{where}: unsupported parameter type {type_} in {var}")
        if name in params and params[name].variable != var[1:]:
            raise SavedQueryError(f"{where}: parameter '{name}' is written two ways "
                                  f"({params[name].variable}, {var[1:]})")
        spec = descriptions.get(name, "")
        description = spec.get("description", "") if isinstance(spec, dict) else str(spec)
        values_class = spec.get("class") if isinstance(spec, dict) else None
        params[name] = Parameter(name, var[1:], type_, underscores == "_", defaults.get(name), description.strip(),
                                 name in enumerate_, values_class)
    unknown = (set(defaults) | enumerate_ | set(descriptions)) - set(params)
    if unknown:
        raise SavedQueryError(f"{where}: header names parameters the query does not use: {', '.join(sorted(unknown))}")
    return params


def load_all(directory: Path) -> dict[str, SavedQuery]:
    """Every ``*.rq`` file of a directory, by slug (sorted)."""
    return {q.slug: q for q in (load_file(p) for p in sorted(directory.glob("*.rq")))}
