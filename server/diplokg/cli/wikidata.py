"""Commands that link to and export for Wikidata: ``link`` (propose candidates; accept reviewed
ones), ``check-links`` (quality of the links) and ``export wikidata``."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from diplokg.cli.common import DEFAULT_STORE, Progress, UsageError, add_common, http_url
from diplokg.core.errors import DiplokgError
from diplokg.source.tree import SourceTree

if TYPE_CHECKING:
    import pyoxigraph as ox

_PROPOSE_ONLY = ("store", "api", "sparql", "languages", "limit", "delay", "timeout")
_ACCEPT_ONLY = ("reviewer", "reviewed_on")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    _register_link(sub)
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
    add_common(ew)
    ew.set_defaults(func=cmd_export_wikidata)

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
    add_common(c)
    c.set_defaults(func=cmd_check_links)


def _register_link(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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
    lk.add_argument("--languages", metavar="LANGS",
                    help="propose: label languages to search, comma-separated (default: de,en)")
    lk.add_argument("--limit", type=int, metavar="N", help="propose: candidates per search, 1-50 (default: 5)")
    lk.add_argument("--delay", type=float, metavar="SECONDS", help="propose: pause between requests (default: 0.5)")
    lk.add_argument("--timeout", type=float, metavar="SECONDS", help="propose: timeout of each request (default: 30)")
    lk.add_argument("--reviewer", metavar="NAME",
                    help="accept: reviewer for accepted rows whose reviewer cell is empty")
    lk.add_argument("--reviewed-on", dest="reviewed_on", metavar="DATE",
                    help="accept: review date (YYYY-MM-DD, or 'today') for accepted rows whose reviewed_on cell "
                    "is empty")
    lk.add_argument("-q", "--quiet", action="store_true", help="no progress messages")
    lk.set_defaults(func=cmd_link)


def cmd_link(args: argparse.Namespace) -> int:
    misplaced = [name for name in (_PROPOSE_ONLY if args.accept else _ACCEPT_ONLY) if getattr(args, name) is not None]
    if misplaced:
        names = ", ".join("--" + n.replace("_", "-") for n in misplaced)
        mode = "proposing (-o FILE)" if args.accept else "accepting (--accept FILE)"
        raise UsageError(f"{names}: only for {mode}")
    return _link_accept(args) if args.accept else _link_propose(args)


def _languages(value: str | None) -> list[str]:
    languages = [lang.strip() for lang in (value or "de,en").split(",") if lang.strip()]
    bad = [lang for lang in languages if not re.fullmatch(r"[a-z]{2,3}(-[a-z0-9]+)*", lang)]
    if bad or not languages:
        raise UsageError(f"--languages expects language codes such as de,en; got {value!r}")
    return languages


def _link_propose(args: argparse.Namespace) -> int:
    from diplokg.wikidata.candidates import fetch_items, linked_qids, search_candidates, unlinked_entities
    from diplokg.wikidata.client import DEFAULT_API, DEFAULT_SPARQL, WikidataClient, WikidataUnavailable
    from diplokg.wikidata.review import build_rows, write_review

    progress = Progress(args.quiet)
    out = Path(args.output)
    if not out.parent.is_dir():
        raise UsageError(f"cannot write {out}: no directory {out.parent}")
    languages = _languages(args.languages)
    limit = 5 if args.limit is None else args.limit
    if not 1 <= limit <= 50:
        raise UsageError("--limit must be between 1 and 50 (the search API's maximum)")
    client = WikidataClient(
        api_url=http_url(args.api or DEFAULT_API, "--api"),
        sparql_url=http_url(args.sparql or DEFAULT_SPARQL, "--sparql"),
        delay=0.5 if args.delay is None else max(0.0, args.delay),
        timeout=30.0 if args.timeout is None else args.timeout)
    store = _entity_store(args)
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


def _entity_store(args: argparse.Namespace) -> ox.Store:
    """The store whose entities get candidates: a source tree loaded in memory, or a built store."""
    import pyoxigraph as ox  # here, so that 'diplokg --help' does not load it

    from diplokg.build.store import open_read_only
    from diplokg.source.loader import load

    if args.source:
        if args.store is not None:
            raise UsageError("give either --store or --source, not both")
        store = ox.Store()
        store.bulk_extend(load(SourceTree(Path(args.source).resolve())).quads)
        return store
    return open_read_only(Path(args.store or DEFAULT_STORE))


def _link_accept(args: argparse.Namespace) -> int:
    import datetime as dt

    from diplokg.wikidata.accept import accept, resolve_date

    root = Path(args.source or ".").resolve()
    tree = SourceTree(root)
    if not tree.data_dir.is_dir() or not tree.shapes_dir.is_dir():
        raise UsageError(f"{root} is not a source tree (no data/ and shapes/): run in the repository "
                         "or pass --source DIR")
    today = dt.date.today()
    result = accept(tree, Path(args.accept), args.reviewer, resolve_date(args.reviewed_on, today), today,
                    Progress(args.quiet))
    shown = tree.display(result.path)
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


def cmd_export_wikidata(args: argparse.Namespace) -> int:
    from diplokg.build.store import open_read_only
    from diplokg.core.atomic_file import write_atomically
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
    Progress(args.quiet)(f"wrote {', '.join(files)} to {out}")
    return 0


def cmd_check_links(args: argparse.Namespace) -> int:
    from diplokg.build.store import open_read_only
    from diplokg.wikidata.quality import Report, check_links

    store = open_read_only(Path(args.store))
    report = check_links(store)
    if args.wikidata:
        from diplokg.wikidata.client import DEFAULT_SPARQL, WikidataClient, WikidataUnavailable
        from diplokg.wikidata.quality import check_types_on_wikidata

        client = WikidataClient(sparql_url=http_url(args.sparql or DEFAULT_SPARQL, "--sparql"), timeout=args.timeout)
        try:
            online = check_types_on_wikidata(store, client)
        except WikidataUnavailable as e:
            raise e.for_command("diplokg check-links --wikidata") from None
        report = Report(report.linked, report.findings + tuple(online))
    sys.stdout.write(report.to_json() if args.format == "json" else report.to_text())
    return 0 if report.ok else 1
