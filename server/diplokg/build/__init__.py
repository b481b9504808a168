"""Building and reading a release: validate, load into a fresh on-disk pyoxigraph store and switch
to it atomically (``pipeline``, ``store``); the artifacts a build publishes next to the store
(snapshot, dumps, statistics, VoID statistics, shapes, saved queries); reading a build as the server
serves it (``reader``: checked, with its dumps and statistics).

May import: ``core``, ``source``, ``saved_queries``, ``validation``."""
