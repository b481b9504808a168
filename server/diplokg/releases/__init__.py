"""Releases beyond one build: immutable, versioned release directories with checksums and a
changelog (``versions``), and loading a release into a remote SPARQL engine (``publish``).

May import: ``core``, ``source``, ``validation``, ``build``, ``engine`` (the remote engine's query
helpers and credentials)."""
