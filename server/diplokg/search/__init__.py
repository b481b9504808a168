"""Finding entities by name: ``/search`` (HTML and JSON; ``finder``, ``page``) and the W3C
Reconciliation Service API 0.2 at ``/reconcile`` (``reconcile``: manifest, queries, candidates;
``extend``: data extension; ``preview``), with their routes (``routes``). Names are ranked by
``matching.index`` from the release's name index; facts for property constraints, previews and
data extension come from internal queries through ``http.execution``.

May import: ``core``, ``build``, ``matching``, ``http`` (never ``pages`` or the engine's internals)."""
