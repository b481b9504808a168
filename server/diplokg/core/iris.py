"""IRI reference resolution (RFC 3986, section 5.2), as SPARQL engines resolve relative IRIs against
a base: unlike ``urllib.parse.urljoin`` it keeps an empty query or fragment (``<ontology#>`` stays
``…/ontology#``) and resolves for any scheme."""

from __future__ import annotations

import re

# RFC 3986, appendix B: the five components, telling an empty one from a missing one
_PARTS = re.compile(r"^(?:([^:/?#]+):)?(//([^/?#]*))?([^?#]*)(\?([^#]*))?(#(.*))?$", re.DOTALL)


def resolve(reference: str, base: str | None) -> str:
    """``reference`` resolved against ``base``; unchanged if it is absolute or there is no base."""
    if base is None:
        return reference
    r, b = _PARTS.match(reference), _PARTS.match(base)
    assert r is not None and b is not None  # every string matches the pattern
    if r.group(1) is not None:  # a scheme: absolute
        return reference
    r_authority, r_path, r_query, r_fragment = _defined(r, 2, 3), r.group(4), _defined(r, 5, 6), _defined(r, 7, 8)
    b_scheme, b_authority, b_path, b_query = b.group(1), _defined(b, 2, 3), b.group(4), _defined(b, 5, 6)
    authority: str | None = b_authority
    query: str | None = r_query
    if r_authority is not None:
        authority, path = r_authority, _remove_dot_segments(r_path)
    elif r_path == "":
        path = b_path
        if r_query is None:
            query = b_query
    else:
        path = _remove_dot_segments(r_path if r_path.startswith("/") else _merge(b_authority, b_path, r_path))
    out = (b_scheme + ":" if b_scheme is not None else "") + ("//" + authority if authority is not None else "") + path
    return out + ("?" + query if query is not None else "") + ("#" + r_fragment if r_fragment is not None else "")


def _defined(m: re.Match[str], marker: int, value: int) -> str | None:
    return m.group(value) if m.group(marker) is not None else None


def _merge(base_authority: str | None, base_path: str, path: str) -> str:
    if base_authority is not None and base_path == "":
        return "/" + path
    return base_path[:base_path.rfind("/") + 1] + path


def _remove_dot_segments(path: str) -> str:
    out: list[str] = []
    while path:
        if path.startswith("../"):
            path = path[3:]
        elif path.startswith("./") or path.startswith("/./"):
            path = path[2:]
        elif path == "/.":
            path = "/"
        elif path.startswith("/../") or path == "/..":
            path = "/" + path[4:] if path.startswith("/../") else "/"
            if out:
                out.pop()
        elif path in (".", ".."):
            path = ""
        else:
            start = 1 if path.startswith("/") else 0
            end = path.find("/", start)
            end = len(path) if end < 0 else end
            out.append(path[:end])
            path = path[end:]
    return "".join(out)
