"""The running server: ``factory.create_app`` mounts the routers of ``http`` and ``pages`` on one
FastAPI app with its middleware; ``server.serve`` starts the query backend and uvicorn, whose
HTTP protocol counts the request head while it arrives (``head_limits``); ``proxy_config`` writes
an nginx configuration for replicas.

May import: every package but ``cli``."""
