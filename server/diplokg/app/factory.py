"""The web application: the routers of the endpoint (``http.routes``), of the pages
(``pages.routes``) and of search and reconciliation (``search.routes``) on one FastAPI app, with the
middleware around them.

``create_app(settings, release)`` builds an app with no global state; the query backend starts and
stops with the app's lifespan unless one is given."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

from fastapi import FastAPI
from starlette.middleware.cors import CORSMiddleware
from starlette.staticfiles import StaticFiles

from diplokg import __version__
from diplokg.build.reader import Release
from diplokg.core.settings import Settings
from diplokg.engine.backend import QueryBackend, backend_for
from diplokg.http.execution import ROW_CAP_HEADER, TRUNCATED_HEADER, QueryRunner
from diplokg.http.limits import ClientLimiter
from diplokg.http.middleware.access_log import AccessLog
from diplokg.http.middleware.direct_route import DirectRoute, Endpoint
from diplokg.http.middleware.error_budget import ErrorBudget, ErrorBudgetLimit
from diplokg.http.middleware.security_headers import SecurityHeaders
from diplokg.http.middleware.size_limits import SizeLimits
from diplokg.http.routes import dataset, saved_queries, sparql
from diplokg.http.site import Site
from diplokg.pages import routes as pages
from diplokg.saved_queries.catalog import load_all
from diplokg.search import routes as search

STATIC = Path(__file__).resolve().parents[1] / "static"
_EXPOSED = [TRUNCATED_HEADER, "Retry-After", ROW_CAP_HEADER, "ETag", "Content-Length", "Content-Range", "Digest"]


def create_app(settings: Settings, release: Release, backend: QueryBackend | None = None) -> FastAPI:
    """The app; with ``backend`` None it starts (and stops) its own query backend in its lifespan."""
    own_backend = backend is None
    backend = backend or backend_for(release, settings)
    site = Site(settings, release, backend, QueryRunner(settings, backend, ClientLimiter(settings.client_concurrency)))

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if own_backend:
            await site.backend.start()
        try:
            yield
        finally:
            if own_backend:
                await site.backend.close()

    app = FastAPI(title="diplokg SPARQL endpoint", version=__version__, lifespan=lifespan, docs_url="/docs",
                  redoc_url=None, description="Linked Data and a read-only SPARQL 1.1 endpoint over the diplokg "
                  "knowledge graph of diplomatic relations. Data licence: CC BY 4.0.")
    sparql_view, graph_store_view = sparql.views(site)
    app.include_router(sparql.router(sparql_view, graph_store_view))
    app.include_router(saved_queries.router(site, load_all(release.queries_dir)))
    app.include_router(dataset.router(site))
    app.include_router(pages.router(site))
    app.include_router(search.router(site))
    add_middleware(app, settings, sparql_view)
    app.mount("/static", StaticFiles(directory=STATIC, check_dir=False), name="static")
    return app


def add_middleware(app: FastAPI, settings: Settings, sparql_view: Endpoint) -> None:
    """The middleware, innermost first: each one added wraps the ones before it."""
    # /sparql is answered before FastAPI's routing and dependency machinery (its routes stay for the
    # OpenAPI description): that layer costs more than the rest of a cheap query
    app.add_middleware(DirectRoute, path="/sparql", endpoint=sparql_view)
    app.add_middleware(SizeLimits, max_url=settings.max_url, max_body=settings.max_body)
    if settings.client_errors:
        app.add_middleware(ErrorBudgetLimit, budget=ErrorBudget(settings.client_errors))
    # outside the limits, so that their refusals (413, 414, 429, 431) reach browser clients on other
    # origins as what they are, not as opaque network errors
    app.add_middleware(CORSMiddleware, allow_origins=list(settings.cors_origins),
                       allow_methods=["GET", "POST", "HEAD", "OPTIONS"], allow_headers=["*"],
                       expose_headers=_EXPOSED, max_age=3600)
    app.add_middleware(SecurityHeaders)
    if settings.access_log:
        app.add_middleware(AccessLog)
