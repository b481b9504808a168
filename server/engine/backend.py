"""The query backend a server uses, as its settings say: the embedded store's worker pool (default)
or a remote SPARQL engine. Both offer start, close, health and run (response frames)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from diplokg.build.reader import Release
    from diplokg.core.settings import Settings


class QueryBackend(Protocol):
    async def start(self) -> None: ...

    async def close(self) -> None: ...

    def health(self) -> dict[str, Any]: ...

    def run(self, request: dict[str, Any], deadline: float, client: str | None = None
            ) -> AsyncIterator[tuple[int, bytes]]: ...


def backend_for(release: "Release", settings: "Settings", on_failure: Callable[[str], None] | None = None) -> QueryBackend:
    if settings.backend == "sparql":
        from diplokg.engine.remote import engine_for

        return engine_for(release, settings)
    from diplokg.engine.pool import pool_for

    return pool_for(release, settings, on_failure=on_failure)
