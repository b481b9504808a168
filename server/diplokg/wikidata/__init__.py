"""Wikidata: a polite client for its search API and query service (``client``); proposing
candidates for unlinked entities (``candidates``, ``scoring``, ``review``) and accepting reviewed
ones into the source tree (``accept``, ``reviewed_links``); a quality report on the links
(``quality``); and the Wikidata-shaped export (``facts`` → ``export`` → ``writers``).

May import: ``core``, ``source``, ``validation``, ``build``."""
