"""The review workspace in the browser (``diplokg review DRAFT.trig``): a FastAPI app served on
127.0.0.1 only, never part of the public endpoint. ``session`` holds one review of one draft (the
decisions go through ``review.file`` and are saved at once), ``views`` turns cards, decisions and
comparisons into the JSON the page shows, ``guard`` refuses requests without the session's token
or from another origin, ``app`` the routes, ``static/`` the page, its script and style (all text
inserted as text, no inline script). The logic of reviewing stays in ``review``.

May import: ``review`` and the packages below it. Imported only by ``cli``."""
