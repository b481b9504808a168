"""What an entity-valued field of a drafted fact can be changed to: for each IRI a fact's triples
lead to (a state, person, organisation, city, event, a concept of a controlled vocabulary), the
other resources of its kind — in the draft and in the published graph — ranked best first.

Its kind is its ``rdf:type`` there (in the draft or the published graph); for a ``skos:Concept``,
the concept scheme it is in (a mission type is changed to another mission type, not to any
concept). Ranked by how well a candidate's names (``rdfs:label`` and ``skos:altLabel``, every
language) fit the evidence sentence (a name the sentence writes comes first: the drafter may have
linked the wrong one of two persons it names) and the drafted value's own names (accents, case
and word order aside). The drafter's own choice is not among its candidates; the reviewer keeps it
by choosing nothing. Every query binds its values as RDF terms."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox
from rapidfuzz.distance import Indel

from diplokg.core.namespaces import PREFIXES
from diplokg.matching.names import plain, word_key
from diplokg.review.cards import RDF_TYPE, Card, Draft, dkg

LABEL = ox.NamedNode(PREFIXES["rdfs"] + "label")
ALT_LABEL = ox.NamedNode(PREFIXES["skos"] + "altLabel")
CONCEPT = ox.NamedNode(PREFIXES["skos"] + "Concept")
IN_SCHEME = ox.NamedNode(PREFIXES["skos"] + "inScheme")
NOT_CHOSEN = {RDF_TYPE, dkg("evidence"), IN_SCHEME}
LIMIT = 20
PREFILTER = 500  # above this many resources of a kind, only those sharing a word with the value or sentence

_OF_KIND = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?class ?resource ?label ?alt WHERE { ?resource a ?class .
  OPTIONAL { { ?resource rdfs:label ?label } UNION { ?resource skos:altLabel ?alt } } }"""
_IN_SCHEME = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?scheme ?resource ?label ?alt WHERE { ?resource skos:inScheme ?scheme .
  OPTIONAL { { ?resource rdfs:label ?label } UNION { ?resource skos:altLabel ?alt } } }"""
_PROPERTIES = """PREFIX owl: <http://www.w3.org/2002/07/owl#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?property ?label WHERE { ?property a ?kind .
  FILTER(?kind IN (owl:ObjectProperty, owl:DatatypeProperty, owl:AnnotationProperty))
  OPTIONAL { ?property rdfs:label ?label FILTER(LANGMATCHES(LANG(?label), "en")) } }"""
_KIND = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?value ?class ?scheme WHERE { { ?value a ?class } UNION { ?value skos:inScheme ?scheme } }"""


@dataclass(frozen=True)
class Candidate:
    """A resource a field can be changed to: its IRI, the name shown, where it is described
    (``draft`` or ``published``) and its score (higher: better)."""

    value: ox.NamedNode
    name: str
    origin: str
    score: float


Kind = tuple[str, ox.NamedNode]  # ("class", C) or ("scheme", S)


class Candidates:
    """The candidates of every entity value of a draft's facts, from the draft and ``published``."""

    def __init__(self, draft: Draft, published: ox.Store | None = None) -> None:
        self.draft, self.published = draft, published
        self._names = _names(draft.triples)
        self._pool: dict[Kind, dict[ox.NamedNode, tuple[list[str], str]]] = {}
        self._records = {c.fact for c in draft.cards} | {  # the draft's facts, document, sentences
            t.subject.value for t in draft.base if isinstance(t.subject, ox.NamedNode)}

    def every(self) -> dict[str, dict[str, list[Candidate]]]:
        """Per fact of the draft, :meth:`of` its card."""
        return {card.fact: self.of(card) for card in self.draft.cards}

    def properties(self) -> list[tuple[ox.NamedNode, str]]:
        """The properties a triple can be added with: those the published graph declares (the
        ontology's, with their English label) and those the draft uses, by IRI."""
        found: dict[ox.NamedNode, str] = {t.predicate: "" for t in self.draft.triples
                                          if t.predicate not in NOT_CHOSEN and t.predicate != dkg("asserts")}
        if self.published is not None:
            result = self.published.query(_PROPERTIES, use_default_graph_as_union=True)
            assert isinstance(result, ox.QuerySolutions)
            for row in result:
                if isinstance(row["property"], ox.NamedNode):
                    label = row["label"].value if isinstance(row["label"], ox.Literal) else ""
                    found[row["property"]] = label or found.get(row["property"], "")
        return sorted(found.items(), key=lambda item: item[0].value)

    def shown(self) -> dict[str, str]:
        """The name to show of each resource the draft's facts name (subject or value): the draft's,
        else the published graph's."""
        nodes = {n for card in self.draft.cards for t in card.triples for n in (t.subject, t.object)
                 if isinstance(n, ox.NamedNode)}
        out = {}
        for node in nodes:
            names = self._names.get(node) or self._published_names(node)
            if names:
                out[node.value] = names[0]
        return out

    def of(self, card: Card) -> dict[str, list[Candidate]]:
        """Per entity value (IRI) of ``card``'s triples, its candidates best first (at most LIMIT)."""
        values = {t.object for t in card.triples
                  if isinstance(t.object, ox.NamedNode) and t.predicate not in NOT_CHOSEN}
        out = {}
        for value in sorted(values, key=str):
            found = self.for_value(value, card.sentence.quote)
            if found:
                out[value.value] = found
        return out

    def for_value(self, value: ox.NamedNode, sentence: str) -> list[Candidate]:
        pool: dict[ox.NamedNode, tuple[list[str], str]] = {}
        for kind in self._kinds(value):
            for resource, entry in self._of_kind(kind).items():
                pool.setdefault(resource, entry)
        pool.pop(value, None)
        own = self._names.get(value) or self._published_names(value)
        sentence_words = set(plain(sentence).split())
        if len(pool) > PREFILTER:  # a large kind (persons of a big graph): only names sharing a word
            words = {w for name in own for w in plain(name).split()} | sentence_words
            pool = {r: entry for r, entry in pool.items()
                    if any(words & set(plain(name).split()) for name in entry[0])}
        ranked = [Candidate(r, _shown(names, r), origin, _score(names, own, sentence_words))
                  for r, (names, origin) in pool.items()]
        return sorted(ranked, key=lambda c: (-c.score, c.name.casefold(), c.value.value))[:LIMIT]

    def _kinds(self, value: ox.NamedNode) -> set[Kind]:
        classes = {t.object for t in self.draft.triples if t.subject == value and t.predicate == RDF_TYPE}
        schemes = {t.object for t in self.draft.triples if t.subject == value and t.predicate == IN_SCHEME}
        if self.published is not None:
            for row in _select(self.published, _KIND, {"value": value}):
                if isinstance(row["class"], ox.NamedNode):
                    classes.add(row["class"])
                if isinstance(row["scheme"], ox.NamedNode):
                    schemes.add(row["scheme"])
        kinds: set[Kind] = {("scheme", s) for s in schemes if isinstance(s, ox.NamedNode)}
        if CONCEPT not in classes or not kinds:
            kinds |= {("class", c) for c in classes if isinstance(c, ox.NamedNode)}
        return kinds

    def _of_kind(self, kind: Kind) -> dict[ox.NamedNode, tuple[list[str], str]]:
        if kind not in self._pool:
            how, term = kind
            predicate = RDF_TYPE if how == "class" else IN_SCHEME
            pool: dict[ox.NamedNode, tuple[list[str], str]] = {}
            if self.published is not None:
                query = _OF_KIND if how == "class" else _IN_SCHEME
                found: list[ox.Triple] = []
                for row in _select(self.published, query, {how: term}):
                    resource = row["resource"]
                    if isinstance(resource, ox.NamedNode):
                        pool.setdefault(resource, ([], "published"))
                        found += [ox.Triple(resource, p, v) for p, v in ((LABEL, row["label"]), (ALT_LABEL, row["alt"]))
                                  if isinstance(v, ox.Literal)]
                for resource, names in _names(found).items():
                    pool[resource] = (names, "published")
            for t in self.draft.triples:
                if t.predicate == predicate and t.object == term and isinstance(t.subject, ox.NamedNode) \
                        and t.subject not in pool and t.subject.value not in self._records:
                    pool[t.subject] = (self._names.get(t.subject, []), "draft")
            self._pool[kind] = pool
        return self._pool[kind]

    def _published_names(self, value: ox.NamedNode) -> list[str]:
        if self.published is None:
            return []
        found = [ox.Triple(value, p, q.object) for p in (LABEL, ALT_LABEL)
                 for q in self.published.quads_for_pattern(value, p, None)]
        return _names(found).get(value, [])


def _select(store: ox.Store, query: str, bindings: dict[str, ox.NamedNode]) -> list[ox.QuerySolution]:
    result = store.query(query, substitutions={ox.Variable(k): v for k, v in bindings.items()},
                         use_default_graph_as_union=True)
    assert isinstance(result, ox.QuerySolutions)
    return list(result)


def _names(triples: Iterable[ox.Triple]) -> dict[ox.NamedNode, list[str]]:
    """Every name of each resource, the one to show first: an English label, another label, an
    alternative label (then shortest first)."""
    found: dict[ox.NamedNode, set[tuple[int, int, str]]] = {}
    for t in triples:
        if t.predicate in (LABEL, ALT_LABEL) and isinstance(t.subject, ox.NamedNode) \
                and isinstance(t.object, ox.Literal):
            rank = 0 if t.predicate == LABEL and t.object.language in ("en", None) else 1 if t.predicate == LABEL else 2
            found.setdefault(t.subject, set()).add((rank, len(t.object.value), t.object.value))
    return {resource: list(dict.fromkeys(n for _, _, n in sorted(names))) for resource, names in found.items()}


def _score(names: list[str], own: list[str], sentence_words: set[str]) -> float:
    """2 if the sentence (its ``sentence_words``) writes one of ``names`` (as words), else 0; plus
    the best likeness (0 to 1) of one of ``names`` to one of ``own`` (the drafted value's names)."""
    written = any(name_words and set(name_words) <= sentence_words
                  for name in names if (name_words := plain(name).split()) and len(plain(name)) > 2)
    likeness = max((Indel.normalized_similarity(word_key(a), word_key(b)) for a in names for b in own), default=0.0)
    return (2.0 if written else 0.0) + likeness


def _shown(names: list[str], resource: ox.NamedNode) -> str:
    return names[0] if names else resource.value.rsplit("/", 1)[-1]
