"""Access log as ASGI middleware: client, method, path, status, bytes and duration of every request."""

from __future__ import annotations

import logging
import time
from typing import Any

log = logging.getLogger("diplokg.access")


class AccessLog:
    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status, size = 0, 0

        async def logging_send(message: dict[str, Any]) -> None:
            nonlocal status, size
            if message["type"] == "http.response.start":
                status = message["status"]
            elif message["type"] == "http.response.body":
                size += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, receive, logging_send)
        finally:
            client = scope.get("client") or ("-", 0)
            path = scope.get("path", "")
            log.info('%s "%s %s" %s %d %.1fms', client[0], scope.get("method"), path, status or "-", size,
                     (time.perf_counter() - start) * 1000)
