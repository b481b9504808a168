"""The endpoint's routes, one router per area, each a function of the ``Site``: ``sparql`` (the
SPARQL endpoint and the Graph Store), ``saved_queries`` (the REST API over the saved queries),
``dataset`` (dumps, VoID, prefixes, health). Views stay thin: they read the request and call the
logic of the modules of ``http`` (protocol, analysis, negotiation, execution).

May import: ``core``, ``saved_queries``, ``engine`` (its messages), ``http``."""
