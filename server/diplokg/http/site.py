"""What the routes of one app share: the settings, the release being served, the query backend and
the runner of queries on it. Built once by ``app.factory``; no module-level state."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.requests import Request

from diplokg.build.reader import Release
from diplokg.core.settings import Settings
from diplokg.engine.backend import QueryBackend
from diplokg.http.execution import QueryRunner


@dataclass(frozen=True)
class Site:
    settings: Settings
    release: Release
    backend: QueryBackend
    runner: QueryRunner


def client_of(request: Request) -> str:
    """The client's address (the proxy's client behind a trusted proxy; see --trusted-proxies)."""
    return request.client.host if request.client else "-"
