"""The ``diplokg`` command line: validate, build, query, dump, export, serve, stats, check-links, link,
generate."""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

from diplokg import __version__
from diplokg.core.errors import DiplokgError, InvalidDataError
from diplokg.source.tree import Layout, packaged_layout

DEFAULT_STORE = Path("var/store")


class _Progress:
    """Progress lines on stderr, with elapsed time; silent with --quiet."""

    def __init__(self, quiet: bool) -> None:
        self.quiet, self.start = quiet, time.monotonic()

    def __call__(self, message: str) -> None:
        if not self.quiet:
            print(f"[{time.monotonic() - self.start:6.2f}s] {message}", file=sys.stderr, flush=True)


def _layout(args: argparse.Namespace) -> Layout:
    return Layout(Path(args.source).resolve()) if args.source else packaged_layout()


def cmd_validate(args: argparse.Namespace) -> int:
    from diplokg.build.pipeline import check

    _, report = check(_layout(args), _Progress(args.quiet or args.format != "text"), engine=args.engine)
    text = {"text": report.to_text, "json": report.to_json, "turtle": report.to_turtle}[args.format]()
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0 if report.conforms else 1


def cmd_build(args: argparse.Namespace) -> int:
    from diplokg.build.pipeline import build, is_up_to_date
    from diplokg.build.stats import collect
    from diplokg.build.store import open_read_only

    progress = _Progress(args.quiet)
    if args.if_changed and is_up_to_date(_layout(args), Path(args.store)):
        print(f"Store {args.store} is up to date (same ontology, data, shapes and diplokg version); not rebuilt.")
        return 0
    try:
        result = build(_layout(args), Path(args.store), progress)
    except InvalidDataError as e:
        if e.report is not None:
            sys.stderr.write(e.report.to_text() + "\n")
        raise
    progress(f"store ready at {args.store}")
    print(f"Built store {args.store} (validated: conforms).")
    print("Triples per named graph:")
    for graph, n in result.graph_counts:
        print(f"  {n:>7}  {graph}")
    print(f"  {sum(n for _, n in result.graph_counts):>7}  (total)")
    if not args.quiet:
        store = open_read_only(Path(args.store))
        stats = collect(store)
        print("\n".join(stats.to_text().splitlines()[len(result.graph_counts) + 2 :]))
    return 0


def _read_query(args: argparse.Namespace) -> str:
    if args.file:
        try:
            return Path(args.file).read_text(encoding="utf-8")
        except OSError as e:
            raise DiplokgError(f"cannot read query file: {e}") from None
    if args.query in (None, "-"):
        if sys.stdin.isatty() and args.query is None:
            raise DiplokgError("no query given: pass a SPARQL string, --file FILE, or pipe the query on stdin")
        return sys.stdin.read()
    return args.query


def cmd_query(args: argparse.Namespace) -> int:
    from diplokg.build.query import render, run
    from diplokg.build.store import open_read_only

    store = open_read_only(Path(args.store))
    if args.saved:
        text, substitutions = _saved_query(store, Path(args.store), args.saved, args.param or [])
        data = render(run(store, text, substitutions), args.format)
    else:
        if args.param:
            raise DiplokgError("--param needs --saved SLUG")
        data = render(run(store, _read_query(args)), args.format)
    sys.stdout.buffer.write(data)
    sys.stdout.flush()
    return 0


def _saved_query(store, store_path: Path, slug: str, params: list[str]):  # type: ignore[no-untyped-def]
    """The text of a saved query of the store and its parameters as RDF terms (validated)."""
    import pyoxigraph as ox

    from diplokg.build.artifacts import QUERIES
    from diplokg.saved_queries.catalog import ALLOWED_VALUES_QUERY, load_all

    queries = load_all(store_path.resolve() / QUERIES)
    if slug not in queries:
        raise DiplokgError(f"no saved query {slug!r}; available: {', '.join(queries) or 'none'}")
    saved = queries[slug]
    raw: dict[str, list[str]] = {}
    for item in params:
        name, sep, value = item.partition("=")
        if not sep:
            raise DiplokgError(f"--param expects NAME=VALUE, got {item!r}")
        raw.setdefault(name.strip(), []).append(value)
    allowed = {}
    for p in saved.parameters:
        if p.enumerate and p.values_class:
            rows = store.query(ALLOWED_VALUES_QUERY, use_default_graph_as_union=True,
                               substitutions={ox.Variable("class"): ox.NamedNode(p.values_class)})
            allowed[p.name] = {row["v"].value for row in rows}
    return saved.text, saved.bind(raw, allowed)


def cmd_dump(args: argparse.Namespace) -> int:
    from diplokg.build.reader import open_release, write_published_dump

    release = open_release(Path(args.store))
    if args.output and args.output != "-":
        out = Path(args.output)
        tmp = out.with_name(f".{out.name}.tmp")
        try:
            with tmp.open("wb") as fh:
                write_published_dump(release, args.format, fh)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        tmp.replace(out)
        _Progress(args.quiet)(f"wrote {out} ({out.stat().st_size} bytes)")
    else:
        write_published_dump(release, args.format, sys.stdout.buffer)
        sys.stdout.flush()
    return 0


def cmd_export_wikidata(args: argparse.Namespace) -> int:
    from diplokg.core.atomic_file import write_atomically
    from diplokg.build.store import open_read_only
    from diplokg.wikidata.export import export
    from diplokg.wikidata.facts import read_facts
    from diplokg.wikidata.writers import summary, to_quickstatements, to_tsv, to_turtle

    result = export(read_facts(open_read_only(Path(args.store))))
    turtle, triples = to_turtle(result)
    quickstatements = to_quickstatements(result)
    files = {
        "wikidata.ttl": turtle,
        "quickstatements.txt": quickstatements.text().encode("utf-8"),
        "skipped.tsv": to_tsv(result.skipped + quickstatements.skipped).encode("utf-8"),
    }
    out = Path(args.output)
    try:
        out.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            write_atomically(out / name, data)
    except OSError as e:
        raise DiplokgError(f"cannot write to {out}: {e}") from None
    print(summary(result, quickstatements, triples))
    _Progress(args.quiet)(f"wrote {', '.join(files)} to {out}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from diplokg.serve.server import serve
    from diplokg.core.settings import load_settings

    options = {name: getattr(args, name) for name in (
        "host", "port", "store", "base_url", "timeout", "row_cap", "workers", "client_concurrency", "max_body",
        "max_url", "federation_allowlist", "service_timeout", "cors_origins", "worker_memory", "client_errors", "trusted_proxies",
        "backend", "engine_url", "engine_user", "engine_auth")}
    if args.engine_password_file:
        options["engine_password"] = _engine_password(args)
    options["access_log"] = False if args.no_access_log else None
    options["in_memory"] = False if args.disk_only else None
    return serve(load_settings(options))


def cmd_generate(args: argparse.Namespace) -> int:
    from diplokg.synthetic.generate import generate

    result = generate(_layout(args), Path(args.output), args.triples, args.seed, _Progress(args.quiet))
    print(f"Wrote {result.out}: {result.triples:,} triples ({result.synthetic_triples:,} synthetic in "
          f"{result.documents:,} documents, {result.units:,} missions) in {result.seconds:.1f} s. "
          f"SYNTHETIC DATA: build it with 'diplokg build --source {result.out} --store DIR'; never publish it.")
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from diplokg.build.stats import collect
    from diplokg.build.store import open_read_only

    print(collect(open_read_only(Path(args.store))).to_text())
    return 0


class UsageError(DiplokgError):
    """A command line that cannot work as given."""

    exit_code = 2


_PROPOSE_ONLY = ("store", "api", "sparql", "languages", "limit", "delay", "timeout")
_ACCEPT_ONLY = ("reviewer", "reviewed_on")


def cmd_link(args: argparse.Namespace) -> int:
    misplaced = [name for name in (_PROPOSE_ONLY if args.accept else _ACCEPT_ONLY) if getattr(args, name) is not None]
    if misplaced:
        names = ", ".join("--" + n.replace("_", "-") for n in misplaced)
        mode = "proposing (-o FILE)" if args.accept else "accepting (--accept FILE)"
        raise UsageError(f"{names}: only for {mode}")
    return _link_accept(args) if args.accept else _link_propose(args)


def _http_url(value: str, option: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise UsageError(f"{option} must be an http(s) URL, got {value!r}")
    return value


def _link_propose(args: argparse.Namespace) -> int:
    import pyoxigraph as ox

    from diplokg.wikidata.candidates import fetch_items, linked_qids, search_candidates, unlinked_entities
    from diplokg.wikidata.review import build_rows, write_review
    from diplokg.source.loader import load
    from diplokg.build.store import open_read_only
    from diplokg.wikidata.client import DEFAULT_API, DEFAULT_SPARQL, WikidataClient, WikidataUnavailable

    progress = _Progress(args.quiet)
    out = Path(args.output)
    if not out.parent.is_dir():
        raise UsageError(f"cannot write {out}: no directory {out.parent}")
    languages = [lang.strip() for lang in (args.languages or "de,en").split(",") if lang.strip()]
    bad = [lang for lang in languages if not re.fullmatch(r"[a-z]{2,3}(-[a-z0-9]+)*", lang)]
    if bad or not languages:
        raise UsageError(f"--languages expects language codes such as de,en; got {args.languages!r}")
    limit = 5 if args.limit is None else args.limit
    if not 1 <= limit <= 50:
        raise UsageError("--limit must be between 1 and 50 (the search API's maximum)")
    client = WikidataClient(
        api_url=_http_url(args.api or DEFAULT_API, "--api"), sparql_url=_http_url(args.sparql or DEFAULT_SPARQL, "--sparql"),
        delay=0.5 if args.delay is None else max(0.0, args.delay), timeout=30.0 if args.timeout is None else args.timeout)
    if args.source:
        if args.store is not None:
            raise UsageError("give either --store or --source, not both")
        store = ox.Store()
        store.bulk_extend(load(Layout(Path(args.source).resolve())).quads)
    else:
        store = open_read_only(Path(args.store or DEFAULT_STORE))
    entities = unlinked_entities(store)
    try:
        found = search_candidates(client, entities, languages, limit, progress)
        items = fetch_items(client, found, entities, languages, progress)
    except WikidataUnavailable as e:
        raise e.with_note("nothing was written") from None
    rows = build_rows(entities, found, items, languages, linked_qids(store))
    write_review(rows, out)
    with_candidates = sum(1 for e in entities if found.get(e.iri))
    progress(f"{client.requests_made} request(s) to Wikidata")
    print(f"Wrote {out}: {len(entities)} unlinked entities, {with_candidates} with candidates, "
          f"{sum(1 for r in rows if r.candidate)} candidate row(s).")
    print(f"Review it (decision: accept or reject, reviewer, reviewed_on), then: diplokg link --accept {out}")
    return 0


def _link_accept(args: argparse.Namespace) -> int:
    import datetime as dt

    from diplokg.wikidata.accept import accept, resolve_date

    root = Path(args.source or ".").resolve()
    layout = Layout(root)
    if not layout.data_dir.is_dir() or not layout.shapes_dir.is_dir():
        raise UsageError(f"{root} is not a source tree (no data/ and shapes/): run in the repository or pass --source DIR")
    today = dt.date.today()
    result = accept(layout, Path(args.accept), args.reviewer, resolve_date(args.reviewed_on, today), today,
                    _Progress(args.quiet))
    shown = layout.display(result.path)
    if not result.accepted_rows:
        print(f"No row of {args.accept} is marked accept; nothing was written.")
    elif not result.written:
        print(f"All {len(result.unchanged)} accepted row(s) are already in {shown}; nothing changed.")
    else:
        print(f"Added {len(result.added)} reviewed link(s) to {shown}"
              + (f" ({len(result.unchanged)} already there)" if result.unchanged else "") + ":")
        for r in result.added:
            print(f"  {r.entity} = {r.qid} (reviewed by {r.reviewer} on {r.reviewed_on})")
        print("Run scripts/run (or diplokg build) to publish them.")
    return 0
def cmd_release(args: argparse.Namespace) -> int:
    from diplokg.releases.versions import make_release

    result = make_release(_layout(args), Path(args.releases), args.version, _Progress(args.quiet))
    change = ("first release" if result.previous is None
              else f"{result.added:,} quads added and {result.removed:,} removed since {result.previous}")
    print(f"Released {result.version} at {result.path} ({result.triples:,} quads; {change}); version IRI "
          f"<{result.version_iri}>. Serve it with: diplokg serve --store {result.path}")
    return 0


def _engine_password(args: argparse.Namespace) -> str:
    import os

    if args.engine_password_file:
        try:
            return Path(args.engine_password_file).read_text(encoding="utf-8").splitlines()[0]
        except (OSError, IndexError) as e:
            raise DiplokgError(f"cannot read the engine password from {args.engine_password_file}: {e}") from None
    return os.environ.get("DIPLOKG_ENGINE_PASSWORD", "")


def cmd_publish(args: argparse.Namespace) -> int:
    from diplokg.releases.publish import Engine, Isql, graph_store_put, virtuoso_bulk_load
    from diplokg.build.reader import open_release
    from diplokg.engine.remote import EngineAuth

    release = open_release(Path(args.store))
    password = _engine_password(args)
    auth = EngineAuth(args.engine_user, password, args.engine_auth or "basic") if args.engine_user else None
    engine = Engine(_http_url(args.query_url, "--query-url"), auth)
    progress = _Progress(args.quiet)
    if args.virtuoso_isql:
        if not args.load_dir:
            raise DiplokgError("--virtuoso-isql needs --load-dir, a directory the Virtuoso server may read (DirsAllowed)")
        if not args.engine_user:
            raise DiplokgError("--virtuoso-isql needs --engine-user (e.g. dba) and its password")
        isql = Isql(args.virtuoso_isql, args.engine_user, password)
        result = virtuoso_bulk_load(release, isql, Path(args.load_dir), engine, progress)
    else:
        result = graph_store_put(release, _http_url(args.to, "--to"), engine, progress)
    removed = f"; removed {len(result.removed)} stale graph(s)" if result.removed else ""
    print(f"Published release {release.build_id} ({sum(result.graphs.values()):,} quads in {len(result.graphs)} graphs) "
          f"with the {result.method} in {result.seconds:.1f} s{removed}; the engine at {args.query_url} holds "
          f"exactly the release. Serve it with: diplokg serve --store {args.store} --backend sparql --engine-url "
          f"{args.query_url}")
    return 0


def cmd_proxy_config(args: argparse.Namespace) -> int:
    from diplokg.serve.proxy_config import nginx_config

    print(nginx_config(args.listen, args.replica, Path(args.prefix).absolute(), args.max_body, args.timeout), end="")
    return 0


def cmd_check_links(args: argparse.Namespace) -> int:
    from diplokg.wikidata.quality import check_links
    from diplokg.build.store import open_read_only

    store = open_read_only(Path(args.store))
    report = check_links(store)
    if args.wikidata:
        from diplokg.wikidata.quality import Report, check_types_on_wikidata
        from diplokg.wikidata.client import DEFAULT_SPARQL, WikidataClient, WikidataUnavailable

        client = WikidataClient(sparql_url=_http_url(args.sparql or DEFAULT_SPARQL, "--sparql"), timeout=args.timeout)
        try:
            online = check_types_on_wikidata(store, client)
        except WikidataUnavailable as e:
            raise e.for_command("diplokg check-links --wikidata") from None
        report = Report(report.linked, report.findings + tuple(online))
    sys.stdout.write(report.to_json() if args.format == "json" else report.to_text())
    return 0 if report.ok else 1


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="diplokg",
        description="Build, validate, query and dump the diplokg knowledge graph of diplomatic relations.",
        epilog="Data, ontology and shapes are those shipped with the package unless --source DIR points to a "
        "source tree (a directory with ontology/, data/ and shapes/).",
    )
    p.add_argument("--version", action="version", version=f"diplokg {__version__}")
    p.add_argument("--debug", action="store_true", help="show Python tracebacks for unexpected errors")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def engine_credentials(sp: argparse.ArgumentParser) -> None:
        """The SPARQL engine's credentials, for serve --backend sparql and publish."""
        sp.add_argument("--engine-user", dest="engine_user", default=None, metavar="NAME",
                        help="user name for the engine, e.g. dba (password from DIPLOKG_ENGINE_PASSWORD or "
                        "--engine-password-file)")
        sp.add_argument("--engine-password-file", dest="engine_password_file", default=None, metavar="FILE",
                        help="file holding the engine password (first line)")
        sp.add_argument("--engine-auth", dest="engine_auth", choices=["basic", "digest"], default=None,
                        help="HTTP authentication scheme for the engine (default: basic)")

    def common(sp: argparse.ArgumentParser, store: bool = True, source: bool = False) -> None:
        if store:
            sp.add_argument("--store", default=str(DEFAULT_STORE), metavar="DIR", help="store directory (default: %(default)s)")
        if source:
            sp.add_argument("--source", metavar="DIR", help="source tree to read instead of the packaged data")
        sp.add_argument("-q", "--quiet", action="store_true", help="no progress messages")

    v = sub.add_parser("validate", help="SHACL-validate ontology + data; exit 1 on any violation",
                       description="Validate the ontology, vocabularies and all data files against the SHACL shapes. "
                       "Prints focus node, path, constraint, message and data file of every violation; exit status 1 if any.")
    v.add_argument("--format", choices=["text", "json", "turtle"], default="text", help="report format (default: text)")
    v.add_argument("--engine", choices=["sparql", "pyshacl"], default="sparql",
                   help="SHACL engine: the shapes compiled to SPARQL (fast) or pyshacl, the reference (default: %(default)s)")
    common(v, store=False, source=True)
    v.set_defaults(func=cmd_validate)

    b = sub.add_parser("build", help="validate, then load into an on-disk store (atomic)",
                       description="Validate, then load everything into a new on-disk pyoxigraph store and switch to it "
                       "atomically. Invalid data or a parse error leaves the existing store untouched (exit 1).")
    b.add_argument("--if-changed", action="store_true",
                   help="do nothing if the store was built from the same ontology, data, shapes and diplokg version")
    common(b, source=True)
    b.set_defaults(func=cmd_build)

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
    sv.add_argument("--workers", type=int, default=None, help="query worker processes (embedded backend), or connections to the engine (sparql backend); default: 2")
    sv.add_argument("--worker-memory", dest="worker_memory", type=int, default=None, metavar="MIB",
                    help="memory a query may use beyond the shared store, in MiB; a query needing more is stopped "
                    "with 503 and its worker replaced, 0 = no limit (default: 2048)")
    sv.add_argument("--client-concurrency", dest="client_concurrency", type=int, default=None,
                    help="concurrent requests per client address before 429 (default: 4)")
    sv.add_argument("--client-errors", dest="client_errors", type=int, default=None, metavar="N",
                    help="failed query requests per client address and minute before 429 with Retry-After, "
                    "0 = no limit (default: 30)")
    sv.add_argument("--max-body", dest="max_body", type=int, default=None, help="largest request body in bytes (default: 1000000)")
    sv.add_argument("--max-url", dest="max_url", type=int, default=None, help="longest request URL in bytes (default: 16384)")
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
    engine_credentials(sv)
    sv.add_argument("--no-access-log", action="store_true", help="do not log every request")
    sv.add_argument("--disk-only", action="store_true",
                    help="answer queries from the on-disk store only, never loading it into memory (less memory, "
                    "slower queries; default: answer from disk at once and from memory once it is loaded)")
    sv.add_argument("-q", "--quiet", action="store_true", help=argparse.SUPPRESS)
    sv.set_defaults(func=cmd_serve)

    q = sub.add_parser("query", help="run a SPARQL query against the built store",
                       description="Run a SPARQL 1.1 query over the union of all named graphs of the built store. "
                       "The project prefixes (dkg:, id:, vocab:, rdfs:, skos:, oa:, …) are predefined.")
    q.add_argument("query", nargs="?", help="the SPARQL query text, or '-' (or nothing) to read it from stdin")
    q.add_argument("-f", "--file", help="read the query from this file")
    q.add_argument("--saved", metavar="SLUG", help="run a saved query (see queries/) instead")
    q.add_argument("--param", action="append", metavar="NAME=VALUE",
                   help="a parameter of the saved query (repeatable); values are checked and bound as RDF terms")
    q.add_argument("--format", default="table", choices=["table", "csv", "tsv", "json", "xml", "turtle", "ntriples"],
                   help="output: table (default, for terminals), csv, tsv, json, xml for SELECT/ASK; turtle, ntriples for CONSTRUCT/DESCRIBE")
    common(q)
    q.set_defaults(func=cmd_query)

    d = sub.add_parser("dump", help="write the whole graph deterministically",
                       description="Write every named graph of the store; the same store always gives byte-identical output. "
                       "ttl, nt and jsonld hold the union of the graphs, trig and nq keep the named graphs. The "
                       "dump is the one the build published with the store (under dumps/), checked against its "
                       "recorded checksum and decompressed.")
    d.add_argument("--format", required=True, choices=["ttl", "nt", "trig", "nq", "jsonld"])
    d.add_argument("-o", "--output", help="output file (default: stdout)")
    common(d)
    d.set_defaults(func=cmd_dump)

    lk = sub.add_parser(
        "link", help="propose Wikidata candidates for review (-o FILE); merge reviewed ones (--accept FILE)",
        description="Propose Wikidata candidates for entities without a QID, or merge the candidates a person "
        "accepted. Proposing (-o FILE) searches Wikidata (search API, then one SPARQL query) for every person, "
        "organisation, mission, city and state without dkg:wikidataId, scores each candidate with reasons and "
        "writes a review file (TSV; CSV if FILE ends in .csv). Nothing is ever linked automatically: a person "
        "marks rows accept or reject (with reviewer and reviewed_on) and then --accept FILE merges only the "
        "accepted rows into data/wikidata-links-reviewed.trig of the source tree, with provenance, after checking "
        "them and validating the result. Exit status 2 if Wikidata cannot be reached or the review file is refused; "
        "nothing is written then.",
        epilog="Workflow: diplokg link -o review.tsv; review in a spreadsheet; "
        "diplokg link --accept review.tsv; scripts/run rebuilds and serves the store.")
    mode = lk.add_mutually_exclusive_group(required=True)
    mode.add_argument("-o", "--output", metavar="FILE", help="propose: write the review file FILE (.tsv, or .csv)")
    mode.add_argument("--accept", metavar="FILE", help="accept: merge the rows of FILE marked accept")
    lk.add_argument("--store", default=None, metavar="DIR",
                    help=f"propose: read the entities from this built store (default: {DEFAULT_STORE})")
    lk.add_argument("--source", metavar="DIR",
                    help="propose: read the entities from this source tree instead of a store; "
                    "accept: the source tree whose data/ receives the links (default: the current directory)")
    lk.add_argument("--api", metavar="URL", help="propose: Wikidata search API (default: https://www.wikidata.org/w/api.php)")
    lk.add_argument("--sparql", metavar="URL", help="propose: Wikidata Query Service (default: https://query.wikidata.org/sparql)")
    lk.add_argument("--languages", metavar="LANGS", help="propose: label languages to search, comma-separated (default: de,en)")
    lk.add_argument("--limit", type=int, metavar="N", help="propose: candidates per search, 1-50 (default: 5)")
    lk.add_argument("--delay", type=float, metavar="SECONDS", help="propose: pause between requests (default: 0.5)")
    lk.add_argument("--timeout", type=float, metavar="SECONDS", help="propose: timeout of each request (default: 30)")
    lk.add_argument("--reviewer", metavar="NAME", help="accept: reviewer for accepted rows whose reviewer cell is empty")
    lk.add_argument("--reviewed-on", dest="reviewed_on", metavar="DATE",
                    help="accept: review date (YYYY-MM-DD, or 'today') for accepted rows whose reviewed_on cell is empty")
    lk.add_argument("-q", "--quiet", action="store_true", help="no progress messages")
    lk.set_defaults(func=cmd_link)
    e = sub.add_parser("export", help="export the graph in another community's shape (wikidata)",
                       description="Export facts of the built store in the shape another community uses.")
    targets = e.add_subparsers(dest="target", required=True, metavar="TARGET")
    ew = targets.add_parser(
        "wikidata", help="Wikidata-shaped RDF, QuickStatements and the list of skipped facts",
        description="Write into OUTDIR: wikidata.ttl (facts whose entities have verified QIDs, with Wikidata's "
        "property IRIs wdt:/p:/ps:/pq:/pqv:/pr:, so it joins with Wikidata dumps), quickstatements.txt "
        "(QuickStatements V1 commands for relations P530, positions held P39 and missions, each with the "
        "German source sentence as quotation P1683 and the source document's diplokg IRI as reference URL "
        "P854, since the sources have no known URL) and skipped.tsv (every fact or part not exported and "
        "why). Output is sorted: the same store gives the same bytes.")
    ew.add_argument("-o", "--output", required=True, metavar="OUTDIR", help="directory to write the three files into")
    common(ew)
    ew.set_defaults(func=cmd_export_wikidata)

    g = sub.add_parser("generate", help="write a source tree with synthetic data of a given size (benchmarks)",
                       description="Write a source tree (ontology, shapes, saved queries, the real data) plus "
                       "deterministic, SHACL-valid SYNTHETIC data in our ontology — states' missions, posts, tenures "
                       "with mixed-precision dates, non-resident and concurrent accreditations, bilateral events, "
                       "evidence in synthetic source documents — until the tree holds at least --triples triples. "
                       "For benchmarks and load tests only: every synthetic document says it is made up.")
    g.add_argument("-o", "--output", required=True, metavar="DIR", help="new directory to write the source tree to")
    g.add_argument("--triples", type=int, default=100_000, metavar="N",
                   help="target size of the whole tree in triples, 1,000 to 50,000,000 (default: %(default)s)")
    g.add_argument("--seed", type=int, default=1, help="random seed; the same seed gives the same files (default: 1)")
    common(g, store=False, source=True)
    g.set_defaults(func=cmd_generate)

    s = sub.add_parser("stats", help="instances per class, facts per source",
                       description="Print triples per named graph, instances per class and facts with evidence per source.")
    common(s)
    s.set_defaults(func=cmd_stats)

    rl = sub.add_parser(
        "release", help="validate and build an immutable, versioned release into RELEASES/VERSION",
        description="Validate and build the graph into RELEASES/VERSION: the store, snapshot and dumps, "
        "release.json (version, version IRI, previous release) and SHA256SUMS, and add an entry to "
        "RELEASES/CHANGELOG.md (quads added and removed since the previous release). An existing version is "
        "never overwritten. Serve a release with: diplokg serve --store RELEASES/VERSION")
    rl.add_argument("version", help="the release's version, e.g. 2026.11.1 or 1.0.0")
    rl.add_argument("--releases", default="releases", metavar="DIR", help="the releases directory (default: releases)")
    common(rl, store=False, source=True)
    rl.set_defaults(func=cmd_release)

    pb = sub.add_parser(
        "publish", help="load a built release into a SPARQL engine (for serve --backend sparql)",
        description="Load the release at --store into a SPARQL engine: one Graph Store Protocol PUT per named graph "
        "(--to, any engine), or Virtuoso's bulk loader (--virtuoso-isql, large releases). Graphs in the diplokg "
        "namespace that the release no longer has are removed. Afterwards the engine's SPARQL endpoint (--query-url) "
        "must report exactly the release's quads per graph, or publish fails.")
    target = pb.add_mutually_exclusive_group(required=True)
    target.add_argument("--to", metavar="URL", help="the engine's Graph Store Protocol endpoint, e.g. Virtuoso's "
                        "http://127.0.0.1:8890/sparql-graph-crud-auth (with --engine-auth digest)")
    target.add_argument("--virtuoso-isql", dest="virtuoso_isql", metavar="HOST:PORT",
                        help="Virtuoso's SQL port, for its bulk loader through isql-vt (with --load-dir)")
    pb.add_argument("--query-url", dest="query_url", required=True, metavar="URL",
                    help="the engine's SPARQL endpoint, for checking what it holds, e.g. http://127.0.0.1:8890/sparql")
    pb.add_argument("--load-dir", dest="load_dir", metavar="DIR",
                    help="--virtuoso-isql: a directory in Virtuoso's DirsAllowed to copy the release into while loading")
    engine_credentials(pb)
    common(pb)
    pb.set_defaults(func=cmd_publish)

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

    c = sub.add_parser("check-links", help="data-quality report on the Wikidata links; exit 1 on any finding",
                       description="Report duplicate QIDs, class items linked as instances, one item on entities of "
                       "different kinds, QID/exactMatch disagreements, links without a provenance record, and states "
                       "without a QID. Exit status 0: no finding; 1: findings.")
    c.add_argument("--format", choices=["text", "json"], default="text")
    c.add_argument("--wikidata", action="store_true",
                   help="also ask the Wikidata Query Service whether each linked item has the type expected for its "
                   "entity (needs internet access; exit 2 if it cannot be reached)")
    c.add_argument("--sparql", default=None, metavar="URL",
                   help="query service for --wikidata (default: https://query.wikidata.org/sparql)")
    c.add_argument("--timeout", type=float, default=60.0, metavar="S", help="HTTP timeout for --wikidata (default: 60)")
    common(c)
    c.set_defaults(func=cmd_check_links)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except DiplokgError as e:
        print(f"diplokg: error: {e}", file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        print("diplokg: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as e:  # a bug: one line, unless --debug
        if args.debug:
            raise
        print(f"diplokg: internal error: {type(e).__name__}: {e} (rerun with --debug for details)", file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
