"""Server settings: read once, in one place, from command-line options and ``DIPLOKG_*`` variables.

Precedence: command-line option > environment variable > default. The resulting ``Settings`` object
is immutable and passed explicitly to everything that needs it (no module-level state).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from enum import StrEnum
from pathlib import Path
from urllib.parse import urlsplit

from diplokg.core.errors import DiplokgError


class Backend(StrEnum):
    """Where queries are evaluated."""

    EMBEDDED = "embedded"  # pyoxigraph, the release's own store, in worker processes
    SPARQL = "sparql"  # a remote SPARQL 1.1 engine that holds the same release


class Allocator(StrEnum):
    """The store processes' memory allocator (see diplokg.engine.allocator)."""

    AUTO = "auto"  # jemalloc where installed, else the C library's
    JEMALLOC = "jemalloc"  # required: the server does not start without it
    SYSTEM = "system"  # the C library's


@dataclass(frozen=True)
class Settings:
    host: str = "127.0.0.1"
    port: int = 8000
    store: Path = Path("var/store")
    # Public base URL: every IRI the server generates (endpoint IRI, dump URLs) is built from it,
    # never from the request's Host header.
    base_url: str = "http://127.0.0.1:8000/"
    # Query time budget in seconds (default and upper bound of the per-request `timeout` parameter).
    timeout: float = 30.0
    # Maximum rows (SELECT) or triples (CONSTRUCT/DESCRIBE) per response; 0 = no cap.
    row_cap: int = 100_000
    # Query worker processes (each a fork of one process holding the in-memory store); with the
    # sparql backend, concurrent requests to the engine.
    workers: int = 2
    # Load the store into memory after start (queries are answered from the on-disk store until the
    # copy is loaded, then from memory: faster, at the cost of memory). False = serve from disk only.
    in_memory: bool = True
    # The store processes' memory allocator.
    allocator: Allocator = Allocator.AUTO
    # Memory (MiB) a query worker may allocate beyond what it shares with the loaded store; a query
    # needing more is stopped (its worker is replaced) and the client gets 503. 0 = no limit.
    worker_memory: int = 2048
    # Concurrent requests per client address before 429.
    client_concurrency: int = 4
    # Failed query requests per client and minute before 429 (errors, queries stopped at their
    # time or memory limit); 0 = no limit.
    client_errors: int = 30
    # Request size limits (bytes).
    max_body: int = 1_000_000
    max_url: int = 16_384
    # SERVICE endpoints a query may call; empty = federation disabled.
    federation_allowlist: tuple[str, ...] = field(default_factory=tuple)
    # Seconds a query that calls SERVICE may run in total (pyoxigraph has no timeout of its own for
    # the HTTP call); when they run out the query is stopped and the client gets 504.
    service_timeout: float = 10.0
    cors_origins: tuple[str, ...] = ("*",)
    # Addresses of reverse proxies whose X-Forwarded-For / X-Forwarded-Proto are believed: a request
    # from one of them counts as coming from the client the header names (per-client limits apply to
    # that client). Empty: no proxy, every header of that kind is ignored, whoever sends it.
    trusted_proxies: tuple[str, ...] = ()
    access_log: bool = True
    # Query evaluation: the release's own embedded store, or a remote SPARQL 1.1 engine that holds the
    # same release, loaded with 'diplokg publish' (see diplokg.engine.remote).
    backend: Backend = Backend.EMBEDDED
    engine_url: str = ""
    # Credentials for the engine (HTTP basic or digest); the password only from the environment
    # (DIPLOKG_ENGINE_PASSWORD) or a file, never on the command line.
    engine_user: str = ""
    engine_password: str = field(default="", repr=False)
    engine_auth: str = "basic"

    def __post_init__(self) -> None:
        parts = urlsplit(self.base_url)
        if parts.scheme not in {"http", "https"} or not parts.netloc:
            raise DiplokgError(f"base URL must be an absolute http(s) URL, got {self.base_url!r}")
        if not self.base_url.endswith("/"):
            object.__setattr__(self, "base_url", self.base_url + "/")
        for name in ("timeout", "service_timeout"):
            if getattr(self, name) <= 0:
                raise DiplokgError(f"{name} must be positive")
        for name in ("workers", "client_concurrency", "max_body", "max_url"):
            if getattr(self, name) < 1:
                raise DiplokgError(f"{name} must be at least 1")
        if self.row_cap < 0:
            raise DiplokgError("row cap must be 0 (no cap) or positive")
        if self.max_url > 65_535:
            raise DiplokgError("max URL must be at most 65535 bytes (the HTTP parser's limit); "
                               "longer queries go by POST")
        if self.client_errors < 0:
            raise DiplokgError("client errors must be 0 (no limit) or positive")
        if self.backend not in set(Backend):
            raise DiplokgError(f"backend must be 'embedded' or 'sparql', got {self.backend!r}")
        object.__setattr__(self, "backend", Backend(self.backend))
        if self.backend is Backend.SPARQL:
            engine = urlsplit(self.engine_url)
            if engine.scheme not in {"http", "https"} or not engine.netloc or engine.username or engine.password:
                raise DiplokgError("the sparql backend needs --engine-url, the engine's SPARQL endpoint as an absolute "
                                   f"http(s) URL without credentials in it, got {self.engine_url!r}")
        if self.engine_auth not in ("basic", "digest"):
            raise DiplokgError(f"engine auth must be 'basic' or 'digest', got {self.engine_auth!r}")
        if self.engine_password and not self.engine_user:
            raise DiplokgError("an engine password needs an engine user (--engine-user)")
        if self.allocator not in set(Allocator):
            raise DiplokgError(f"allocator must be 'auto', 'jemalloc' or 'system', got {self.allocator!r}")
        object.__setattr__(self, "allocator", Allocator(self.allocator))
        if self.worker_memory < 0:
            raise DiplokgError("worker memory must be 0 (no limit) or a positive number of MiB")

    @property
    def endpoint_url(self) -> str:
        return self.base_url + "sparql"


_ENV_PREFIX = "DIPLOKG_"


def _convert(name: str, raw: object) -> object:
    kind = {f.name: f.type for f in fields(Settings)}[name]
    try:
        if kind in ("int", int):
            return int(raw if isinstance(raw, (int, float)) else str(raw))
        if kind in ("float", float):
            return float(raw if isinstance(raw, (int, float)) else str(raw))
        if kind in ("bool", bool):
            return raw if isinstance(raw, bool) else str(raw).lower() in {"1", "true", "yes", "on"}
        if kind in ("Path", Path):
            return Path(str(raw))
        if str(kind).startswith("tuple"):
            if isinstance(raw, (list, tuple)):
                return tuple(str(x) for x in raw)
            return tuple(x for x in str(raw).replace(",", " ").split() if x)
    except ValueError:
        raise DiplokgError(f"invalid value for {name}: {raw!r}") from None
    return str(raw)


def load_settings(options: Mapping[str, object] | None = None, environ: Mapping[str, str] | None = None) -> Settings:
    """Settings from explicit options (e.g. parsed CLI arguments; None = not given) over the
    environment (``DIPLOKG_TIMEOUT=10`` …) over the defaults."""
    environ = os.environ if environ is None else environ
    values: dict[str, object] = {}
    for f in fields(Settings):
        env = environ.get(_ENV_PREFIX + f.name.upper())
        if env is not None:
            values[f.name] = _convert(f.name, env)
        if options and options.get(f.name) is not None:
            values[f.name] = _convert(f.name, options[f.name])
    if "base_url" not in values and ("host" in values or "port" in values):
        host = str(values.get("host", Settings.host))
        port = values.get("port", Settings.port)
        values["base_url"] = f"http://{'[' + host + ']' if ':' in host else host}:{port}/"
    return Settings(**values)  # type: ignore[arg-type]  # each value has its field's type (_convert)
