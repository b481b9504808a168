"""``diplokg serve`` (the endpoint) and ``diplokg proxy-config`` (nginx in front of replicas)."""

from __future__ import annotations

import argparse
from pathlib import Path

from diplokg.cli.common import DEFAULT_STORE, add_engine_credentials, engine_password
from diplokg.core.settings import Allocator

#: the options of ``serve`` that become settings as they are (see diplokg.core.settings)
_SETTINGS = ("host", "port", "store", "base_url", "timeout", "row_cap", "workers", "client_concurrency", "max_body",
             "max_url", "federation_allowlist", "service_timeout", "cors_origins", "worker_memory", "client_errors",
             "trusted_proxies", "backend", "engine_url", "engine_user", "engine_auth", "allocator")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    _register_serve(sub)
    px = sub.add_parser(
        "proxy-config", help="print an nginx configuration putting several 'diplokg serve' replicas behind one address",
        description="Print an nginx configuration: round-robin over the replicas, a dead replica's requests passed "
        "to the next, X-Forwarded-For set to the real client (start the replicas with --trusted-proxies naming "
        "this proxy), streaming responses. Run it with: nginx -p PREFIX -c FILE")
    px.add_argument("--listen", default="127.0.0.1:8080", metavar="HOST:PORT", help="where nginx listens")
    px.add_argument("--replica", action="append", required=True, metavar="HOST:PORT",
                    help="a diplokg serve replica (repeatable)")
    px.add_argument("--prefix", default="var/nginx", metavar="DIR", help="nginx's pid, log and temporary files")
    px.add_argument("--max-body", dest="max_body", type=int, default=1_000_000, help="as the replicas' --max-body")
    px.add_argument("--timeout", type=float, default=30.0, help="as the replicas' --timeout (seconds)")
    px.set_defaults(func=cmd_proxy_config)


def _register_serve(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    sv = sub.add_parser(
        "serve", help="serve the SPARQL endpoint, dumps and dataset description",
        description="Serve the built store: SPARQL 1.1 endpoint at /sparql (read-only), Graph Store Protocol "
        "(read) at /graph-store, dumps at /dumps/, VoID at /.well-known/void, /health, OpenAPI at /docs. "
        "Every option can also be set as an environment variable DIPLOKG_<OPTION> (e.g. DIPLOKG_TIMEOUT=10); "
        "options win over variables.")
    sv.add_argument("--store", default=None, metavar="DIR", help=f"built store (default: {DEFAULT_STORE})")
    sv.add_argument("--host", default=None, help="interface to listen on (default: 127.0.0.1)")
    sv.add_argument("--port", type=int, default=None, help="port (default: 8000)")
    sv.add_argument("--base-url", dest="base_url", default=None,
                    help="public base URL used in every generated link (default: http://HOST:PORT/)")
    sv.add_argument("--timeout", type=float, default=None,
                    help="query time budget in seconds, also the maximum of the per-request 'timeout' (default: 30)")
    sv.add_argument("--row-cap", dest="row_cap", type=int, default=None,
                    help="maximum rows/triples per response, 0 = none (default: 100000)")
    sv.add_argument("--workers", type=int, default=None,
                    help="query worker processes (embedded backend), or connections to the engine (sparql backend); "
                    "default: 2")
    sv.add_argument("--worker-memory", dest="worker_memory", type=int, default=None, metavar="MIB",
                    help="memory a query may use beyond the shared store, in MiB; a query needing more is stopped "
                    "with 503 and its worker replaced, 0 = no limit (default: 2048)")
    sv.add_argument("--allocator", choices=[a.value for a in Allocator], default=None,
                    help="memory allocator of the store processes: jemalloc evaluates queries up to 1.7x faster than "
                    "the C library's; auto = jemalloc where installed (Debian: libjemalloc2), else system "
                    "(default: auto)")
    _register_client_limits(sv)
    sv.add_argument("--max-body", dest="max_body", type=int, default=None,
                    help="largest request body in bytes (default: 1000000)")
    sv.add_argument("--max-url", dest="max_url", type=int, default=None,
                    help="longest request URL in bytes (default: 16384)")
    sv.add_argument("--federation-allowlist", dest="federation_allowlist", nargs="*", default=None, metavar="IRI",
                    help="SPARQL endpoints that SERVICE may call (default: none, federation disabled)")
    sv.add_argument("--service-timeout", dest="service_timeout", type=float, default=None, metavar="S",
                    help="seconds a query that calls SERVICE may run in total; then it is stopped and the client "
                    "gets 504 naming the endpoint (default: 10; the query's own budget applies if lower)")
    sv.add_argument("--trusted-proxies", dest="trusted_proxies", nargs="*", default=None, metavar="IP",
                    help="reverse proxies whose X-Forwarded-For names the client (default: none; the header is "
                    "ignored, so no client can pose as another)")
    sv.add_argument("--cors-origins", dest="cors_origins", nargs="*", default=None, metavar="ORIGIN",
                    help="origins allowed by CORS (default: *)")
    sv.add_argument("--backend", choices=["embedded", "sparql"], default=None,
                    help="query evaluation: the release's own embedded store (default) or a remote SPARQL engine "
                    "holding the same release (--engine-url)")
    sv.add_argument("--engine-url", dest="engine_url", default=None, metavar="URL",
                    help="sparql backend: the engine's SPARQL endpoint, e.g. http://127.0.0.1:8890/sparql")
    add_engine_credentials(sv)
    sv.add_argument("--no-access-log", action="store_true", help="do not log every request")
    sv.add_argument("--disk-only", action="store_true",
                    help="answer queries from the on-disk store only, never loading it into memory (less memory, "
                    "slower queries; default: answer from disk at once and from memory once it is loaded)")
    sv.add_argument("-q", "--quiet", action="store_true", help=argparse.SUPPRESS)
    sv.set_defaults(func=cmd_serve)


def _register_client_limits(sv: argparse.ArgumentParser) -> None:
    sv.add_argument("--client-concurrency", dest="client_concurrency", type=int, default=None,
                    help="concurrent requests per client address before 429 (default: 4)")
    sv.add_argument("--client-errors", dest="client_errors", type=int, default=None, metavar="N",
                    help="failed query requests per client address and minute before 429 with Retry-After, "
                    "0 = no limit (default: 30)")


def cmd_serve(args: argparse.Namespace) -> int:
    from diplokg.app.server import serve
    from diplokg.core.settings import load_settings

    options = {name: getattr(args, name) for name in _SETTINGS}
    if args.engine_password_file:
        options["engine_password"] = engine_password(args)
    options["access_log"] = False if args.no_access_log else None
    options["in_memory"] = False if args.disk_only else None
    return serve(load_settings(options))


def cmd_proxy_config(args: argparse.Namespace) -> int:
    from diplokg.app.proxy_config import nginx_config

    print(nginx_config(args.listen, args.replica, Path(args.prefix).absolute(), args.max_body, args.timeout), end="")
    return 0
