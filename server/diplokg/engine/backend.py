"""The query backend a server uses, as its settings say: the embedded store's worker pool (default)
or a remote SPARQL engine. Both offer start, close, health and run (a job → its answer frames)."""

from __future__ import annotations

from collections.abc import AsyncGenerator, Callable
from typing import TYPE_CHECKING, Any, Protocol

from diplokg.core.settings import Backend
from diplokg.engine.framing import Frame
from diplokg.engine.messages import Job
from diplokg.engine.pool import pool_for
from diplokg.engine.remote import engine_for

if TYPE_CHECKING:
    from diplokg.build.reader import Release
    from diplokg.core.settings import Settings


class QueryBackend(Protocol):
    async def start(self) -> None: ...

    async def close(self) -> None: ...

    def health(self) -> dict[str, Any]: ...

    def run(self, job: Job, deadline: float, client: str | None = None) -> AsyncGenerator[tuple[Frame, bytes], None]:
        """The answer frames of ``job`` (HEAD or ERROR first, then CHUNKs and END or ABORT). Raises
        PoolBusy, QueryTimeout or WorkerFailed (engine.errors). The caller must run the iterator to
        its end or close it."""
        ...


def backend_for(release: Release, settings: Settings, on_failure: Callable[[str], None] | None = None) -> QueryBackend:
    if settings.backend is Backend.SPARQL:
        return engine_for(release, settings)
    return pool_for(release, settings, on_failure=on_failure)
