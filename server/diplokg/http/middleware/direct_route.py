"""``DirectRoute``: ASGI middleware answering one path with a plain ``Request -> Response``
function, before FastAPI's routing and dependency machinery (which cost more than the rest of a
cheap query). ``/sparql`` is answered this way; its FastAPI routes stay for the OpenAPI document."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

Endpoint = Callable[[Request], Awaitable[Response]]


class DirectRoute:
    def __init__(self, app: Any, path: str, endpoint: Endpoint) -> None:
        self.app, self.path, self.endpoint = app, path, endpoint

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["path"] == self.path:
            response = await self.endpoint(Request(scope, receive))
            await response(scope, receive, send)
        else:
            await self.app(scope, receive, send)
