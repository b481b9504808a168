"""diplokg: an open knowledge graph of diplomatic relations between states.

One subpackage per concern, each importing only the ones below it (ARCHITECTURE.md; the layers are
checked by import-linter): ``core`` ← ``source``, ``saved_queries`` ← ``validation`` ← ``build`` ←
``engine``, ``synthetic`` ← ``releases``, ``wikidata`` ← ``http`` ← ``pages`` ← ``app`` ← ``cli``."""

__version__ = "0.1.0"
