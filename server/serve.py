"""``diplokg serve``: load the built store into the worker pool, then serve the app with uvicorn.

The pool starts before the web server, so a missing or damaged store stops the command with one
clear error line and a non-zero exit, never with an empty endpoint."""

from __future__ import annotations

import asyncio
import logging
import sys

import uvicorn

from .app import create_app
from .namespaces import PREFIXES
from .pool import WorkerPool
from .release import open_release
from .settings import Settings


def serve(settings: Settings) -> int:
    release = open_release(settings.store)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    return asyncio.run(_serve(settings, release))


async def _serve(settings: Settings, release) -> int:  # type: ignore[no-untyped-def]
    pool = WorkerPool(release.snapshot, release.quads, PREFIXES, settings.workers)
    await pool.start()
    try:
        app = create_app(settings, release, pool)
        config = uvicorn.Config(app, host=settings.host, port=settings.port, access_log=False, log_level="info",
                                lifespan="on", timeout_keep_alive=5, server_header=False,
                                limit_concurrency=1000, h11_max_incomplete_event_size=settings.max_url + 8192)
        server = uvicorn.Server(config)
        logging.getLogger("diplokg").info(
            "serving release %s (%d quads) at %s with %d query workers; SPARQL endpoint %s",
            release.build_id, release.quads, settings.base_url, settings.workers, settings.endpoint_url)
        await server.serve()
        return 0 if server.started else 1
    finally:
        await pool.close()
