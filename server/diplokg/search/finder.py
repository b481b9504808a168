"""``/search``: a search request read from its parameters, checked, and its answer as JSON (the
HTML page is ``page``). Types may be given as IRIs, prefixed names (``dkg:State``) or class names
(``State``); an unknown one is a 400 that lists the known ones."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from diplokg.core.namespaces import ONTOLOGY, PREFIXES, shorten
from diplokg.http.urls import local_url
from diplokg.matching.index import MAX_QUERY, Found, Hit, NameIndex

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
MAX_OFFSET = 1000
_LANG = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")


class SearchError(ValueError):
    """A search request the server cannot answer as asked (400, with this message)."""


@dataclass(frozen=True)
class SearchRequest:
    q: str
    types: tuple[str, ...] = ()
    limit: int = DEFAULT_LIMIT
    offset: int = 0
    lang: str = "en"


class Finder:
    """Search over a release's name index, with the labels of its classes for display."""

    def __init__(self, index: NameIndex, base_url: str) -> None:
        self.index, self.base_url = index, base_url
        self.type_counts = index.type_counts()
        self._by_name = {t[len(ONTOLOGY):].casefold(): t for t in self.type_counts if t.startswith(ONTOLOGY)}

    def type_label(self, iri: str, lang: str = "en") -> str:
        known = self.index.entity(iri, lang)
        return known.label if known and known.label else shorten(iri)

    def resolve_type(self, text: str) -> str:
        """The class IRI that ``text`` names (IRI, prefixed name or class name); SearchError if the
        index holds no entity of it."""
        text = text.strip()
        iri = text
        if ":" not in text:
            iri = self._by_name.get(text.casefold(), text)
        elif not text.startswith(("http:", "https:", "urn:")):
            prefix, _, local = text.partition(":")
            iri = PREFIXES.get(prefix, prefix + ":") + local
        if iri not in self.type_counts:
            known = ", ".join(shorten(t) for t in list(self.type_counts)[:40])
            raise SearchError(f"no entity of type {text!r} is known; types: {known}")
        return iri

    def read(self, get: Callable[[str], Sequence[str]], need_q: bool = True) -> SearchRequest:
        """The request of the parameters ``get(name)`` returns (all values of one name)."""
        q = " ".join(get("q")).strip()
        if need_q and not q:
            raise SearchError("give the text to search for as 'q' (e.g. /search?q=Kalandar)")
        if len(q) > MAX_QUERY:
            raise SearchError(f"'q' has {len(q)} characters; at most {MAX_QUERY} are searched")
        types = tuple(self.resolve_type(t) for value in get("type") for t in value.split(",") if t.strip())
        lang = (get("lang") or ["en"])[-1]
        if not _LANG.match(lang):
            raise SearchError(f"'lang' must be a language tag such as 'en' or 'de', not {lang!r}")
        return SearchRequest(q, types, _whole(get, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT),
                             _whole(get, "offset", 0, 0, MAX_OFFSET), lang.lower())

    def find(self, request: SearchRequest) -> Found:
        return self.index.search(request.q, request.types, request.limit, request.offset, request.lang)

    def look_up(self, iri: str, lang: str) -> Found:
        """The entity of ``iri`` as the one hit (none if the index does not hold it)."""
        hit = self.index.entity(iri, lang)
        return Found((hit,) if hit else (), 1 if hit else 0)

    def hit_json(self, hit: Hit, lang: str) -> dict[str, Any]:
        return {"iri": hit.iri, "page": local_url(hit.iri, self.base_url), "label": hit.label, "type": hit.type,
                "typeLabel": self.type_label(hit.type, lang), "types": list(hit.types), "matched": hit.matched,
                "matchedLanguage": hit.lang, "score": hit.score, "reason": hit.reason}

    def as_json(self, request: SearchRequest, found: Found) -> dict[str, Any]:
        return {"query": request.q, "types": list(request.types), "lang": request.lang, "offset": request.offset,
                "limit": request.limit, "total": found.total,
                "next": self.page_url(request, request.offset + request.limit)
                if request.offset + request.limit < found.total else None,
                "hits": [self.hit_json(h, request.lang) for h in found.hits]}

    def page_url(self, request: SearchRequest, offset: int, fmt: str | None = None) -> str:
        params: list[tuple[str, str | int]] = [("q", request.q), *(("type", shorten(t)) for t in request.types)]
        if request.lang != "en":
            params.append(("lang", request.lang))
        if request.limit != DEFAULT_LIMIT:
            params.append(("limit", request.limit))
        if offset:
            params.append(("offset", offset))
        if fmt:
            params.append(("format", fmt))
        return self.base_url + "search?" + urlencode(params)


def _whole(get: Callable[[str], Sequence[str]], name: str, default: int, low: int, high: int) -> int:
    values = get(name)
    if not values:
        return default
    try:
        number = int(values[-1])
    except ValueError:
        raise SearchError(f"'{name}' must be a whole number, not {values[-1]!r}") from None
    if not low <= number <= high:
        raise SearchError(f"'{name}' must be between {low} and {high}, not {number}")
    return number
