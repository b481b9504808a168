"""The vocabulary every other package speaks: the prefix registry and namespaces, the base error and
the error kinds of responses, the result and RDF formats, the server settings, RDF descriptions as
pyoxigraph triples, RDF terms in N-Triples syntax, IRI resolution against a base (RFC 3986), the
SPARQL lexer (what a query is, before it runs) and atomic file writes.

May import: nothing of diplokg (only the standard library, pyoxigraph and rdflib)."""
