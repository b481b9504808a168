"""``diplokg release`` (an immutable, versioned release) and ``diplokg publish`` (a release into a
SPARQL engine, for ``serve --backend sparql``)."""

from __future__ import annotations

import argparse
from pathlib import Path

from diplokg.cli.common import Progress, add_common, add_engine_credentials, engine_password, http_url, source_tree
from diplokg.core.errors import DiplokgError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    rl = sub.add_parser(
        "release", help="validate and build an immutable, versioned release into RELEASES/VERSION",
        description="Validate and build the graph into RELEASES/VERSION: the store, snapshot and dumps, "
        "release.json (version, version IRI, previous release) and SHA256SUMS, and add an entry to "
        "RELEASES/CHANGELOG.md (quads added and removed since the previous release). An existing version is "
        "never overwritten. Serve a release with: diplokg serve --store RELEASES/VERSION")
    rl.add_argument("version", help="the release's version, e.g. 2026.11.1 or 1.0.0")
    rl.add_argument("--releases", default="releases", metavar="DIR", help="the releases directory (default: releases)")
    add_common(rl, store=False, source=True)
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
                    help="--virtuoso-isql: a directory in Virtuoso's DirsAllowed to copy the release into "
                    "while loading")
    add_engine_credentials(pb)
    add_common(pb)
    pb.set_defaults(func=cmd_publish)


def cmd_release(args: argparse.Namespace) -> int:
    from diplokg.releases.versions import make_release

    result = make_release(source_tree(args), Path(args.releases), args.version, Progress(args.quiet))
    change = ("first release" if result.previous is None
              else f"{result.added:,} quads added and {result.removed:,} removed since {result.previous}")
    print(f"Released {result.version} at {result.path} ({result.triples:,} quads; {change}); version IRI "
          f"<{result.version_iri}>. Serve it with: diplokg serve --store {result.path}")
    return 0


def cmd_publish(args: argparse.Namespace) -> int:
    from diplokg.build.reader import open_release
    from diplokg.engine.remote_http import EngineAuth
    from diplokg.releases.publish import Engine, Isql, graph_store_put, virtuoso_bulk_load

    release = open_release(Path(args.store))
    password = engine_password(args)
    auth = EngineAuth(args.engine_user, password, args.engine_auth or "basic") if args.engine_user else None
    engine = Engine(http_url(args.query_url, "--query-url"), auth)
    progress = Progress(args.quiet)
    if args.virtuoso_isql:
        if not args.load_dir:
            raise DiplokgError("--virtuoso-isql needs --load-dir, a directory the Virtuoso server may read "
                               "(DirsAllowed)")
        if not args.engine_user:
            raise DiplokgError("--virtuoso-isql needs --engine-user (e.g. dba) and its password")
        isql = Isql(args.virtuoso_isql, args.engine_user, password)
        result = virtuoso_bulk_load(release, isql, Path(args.load_dir), engine, progress)
    else:
        result = graph_store_put(release, http_url(args.to, "--to"), engine, progress)
    removed = f"; removed {len(result.removed)} stale graph(s)" if result.removed else ""
    print(f"Published release {release.build_id} ({sum(result.graphs.values()):,} quads in "
          f"{len(result.graphs)} graphs) with the {result.method} in {result.seconds:.1f} s{removed}; the engine at "
          f"{args.query_url} holds exactly the release. Serve it with: diplokg serve --store {args.store} "
          f"--backend sparql --engine-url {args.query_url}")
    return 0
