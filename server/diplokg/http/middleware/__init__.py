"""ASGI middleware of the endpoint, outermost first as ``app.factory`` adds them: the access log,
security headers, CORS (Starlette's), the per-client error budget, request size limits, and the
direct route that answers ``/sparql`` before FastAPI's routing.

May import: ``core``, ``http`` (its responses and limits)."""
