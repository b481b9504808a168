"""Where the IRIs of our namespaces are served by this server (``/id/…``, ``/vocab/…``,
``/ontology…``), for links on the generated pages."""

from __future__ import annotations

from urllib.parse import quote

from diplokg.core.namespaces import ID, ONTOLOGY_IRI, VOCAB


def local_url(iri: str, base_url: str) -> str:
    """Where an IRI of our namespace is served by this server; other IRIs are returned unchanged."""
    if iri.startswith(ID):
        return base_url + "id/" + quote(iri[len(ID):], safe="/-._~")
    if iri.startswith(VOCAB):  # concept schemes and concepts: 303 to their place in the ontology docs
        return base_url + "vocab/" + quote(iri[len(VOCAB):], safe="/-._~")
    if iri == ONTOLOGY_IRI or iri.startswith((ONTOLOGY_IRI + "#", ONTOLOGY_IRI + "/")):  # terms, version IRI
        return base_url + "ontology" + quote(iri[len(ONTOLOGY_IRI):], safe="/#-._~")
    return iri
