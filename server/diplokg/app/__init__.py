"""The running server: ``factory.create_app`` mounts the routers of ``http`` and ``pages`` on one
FastAPI app with its middleware; ``server.serve`` starts the query backend and uvicorn;
``proxy_config`` writes an nginx configuration for replicas.

May import: every package but ``cli``."""
