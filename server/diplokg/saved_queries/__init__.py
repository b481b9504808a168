"""Saved queries: the SPARQL files of ``queries/`` with their grlc-style headers, typed parameters
bound as RDF terms, and their publication inside the dataset as SHACL SPARQL executables. The HTTP
API over them lives in ``http.routes.saved_queries``.

May import: ``core``."""
