"""``diplokg serve``: start the query backend on the built store, then serve the app with uvicorn.

The pool starts before the web server, so a missing or damaged store stops the command with one
clear error line and a non-zero exit, never with an empty endpoint. The pool answers from the
on-disk store at once and from memory once the snapshot is loaded; if that load fails, or the
published dumps do not match their checksums, the server stops with the same kind of error."""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Callable

import uvicorn

from diplokg.app.factory import create_app
from diplokg.app.head_limits import limited_protocol
from diplokg.build.errors import StoreError
from diplokg.build.reader import Release, open_release, verify_dump_checksums
from diplokg.core.settings import Backend, Settings
from diplokg.engine.backend import backend_for


def serve(settings: Settings) -> int:
    release = open_release(settings.store)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    logging.getLogger("httpx").setLevel(logging.WARNING)  # the sparql backend's every request to its engine
    return asyncio.run(_serve(settings, release))


async def _serve(settings: Settings, release: Release) -> int:
    failures: list[str] = []
    server: uvicorn.Server | None = None

    def fail(message: str) -> None:  # a damaged release found after start: stop serving it
        failures.append(message)
        logging.getLogger("diplokg").error("stopping: %s", message)
        if server is not None:
            server.should_exit = True

    backend = backend_for(release, settings, on_failure=fail)
    await backend.start()
    checks = asyncio.create_task(_verify_dumps(release, fail))
    try:
        app = create_app(settings, release, backend)
        config = uvicorn.Config(app, host=settings.host, port=settings.port, access_log=False, log_level="info",
                                lifespan="on", timeout_keep_alive=5, server_header=False,
                                limit_concurrency=1000,
                                http=limited_protocol(settings.max_url, "*" in settings.cors_origins),
                                # uvicorn believes X-Forwarded-For from 127.0.0.1 unless told otherwise
                                proxy_headers=bool(settings.trusted_proxies),
                                forwarded_allow_ips=list(settings.trusted_proxies) or None)
        server = uvicorn.Server(config)
        logging.getLogger("diplokg").info(
            "serving release %s (%d quads) at %s with %s; SPARQL endpoint %s",
            release.build_id, release.quads, settings.base_url,
            f"{settings.workers} query workers" if settings.backend is Backend.EMBEDDED
            else f"queries evaluated by {settings.engine_url} ({settings.workers} connections)", settings.endpoint_url)
        if not failures:
            await server.serve()
        if failures:
            raise StoreError(failures[0])
        return 0 if server.started else 1
    finally:
        checks.cancel()
        await backend.close()


async def _verify_dumps(release: Release, fail: Callable[[str], None]) -> None:
    try:
        await asyncio.to_thread(verify_dump_checksums, release)
    except StoreError as e:
        fail(str(e))
