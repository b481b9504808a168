"""The ``diplokg`` command line: ``main.py`` assembles the parser from one module per command group
(``data``: validate, build, dump, generate, stats; ``serve``: serve, proxy-config; ``query``;
``wikidata``: link, check-links, export; ``releases``: release, publish), each defining its own
arguments beside its commands; ``common.py`` holds what they share. Commands import what they run
inside their functions, so that ``diplokg --help`` starts without loading the engine.

May import: every package (it is the top layer; nothing imports it)."""
