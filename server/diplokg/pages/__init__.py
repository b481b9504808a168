"""The HTML (and RDF) pages of the IRIs of our namespaces: entities (``/id/…``), the ontology and
its vocabularies, the shapes, named graphs, and the landing page, with their routes (``routes``).
Their data comes from internal queries run through ``http.execution``.

May import: ``core``, ``build``, ``http`` (never the engine's internals)."""
