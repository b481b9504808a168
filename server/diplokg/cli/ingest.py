"""``diplokg ingest``: draft the facts of a new ministry page (German, English or Russian) as TriG
for review, with its review file DRAFT.review.yaml beside it; ``--accept REVIEW`` publishes the
facts a person accepted as data/sources/<slug>.trig (the logic: ``diplokg.review``). Nothing
drafted is published unreviewed."""

from __future__ import annotations

import argparse
import datetime as dt
from collections import Counter
from pathlib import Path

from diplokg.cli.common import Progress, UsageError, http_url, source_tree
from diplokg.core.atomic_file import write_atomically
from diplokg.core.errors import DiplokgError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    ig = sub.add_parser(
        "ingest", help="draft the facts of a new ministry page as TriG, for review (-o DRAFT.trig)",
        description="Read a ministry page (a text file, an HTML file, or an http(s) URL) in German, English or "
        "Russian, split it into sentences and draft the facts they state — relations established, recognition, "
        "missions opened, heads of mission (appointment, concurrent posts), events with their participants, "
        "agreements, assistance with amounts, organisation links and name variants — in our ontology, each with "
        "its source sentence, the rule that read it, a confidence, and the questions a person must decide. "
        "States, persons, organisations and cities the graph holds keep their IRIs. The draft is written to "
        "DRAFT.trig and never published by this command.",
        epilog="Example: diplokg ingest page.txt -o draft.trig --url https://mfa.tj/... --retrieved 2026-12-06; "
        "then decide in draft.review.yaml and publish: diplokg ingest --accept draft.review.yaml --source .")
    ig.add_argument("page", metavar="PAGE", nargs="?", help="a text or HTML file, or an http(s) URL")
    ig.add_argument("-o", "--output", metavar="DRAFT.trig",
                    help="the draft to write (TriG); its review file DRAFT.review.yaml is written beside it unless "
                    "it exists")
    ig.add_argument("--accept", metavar="REVIEW",
                    help="publish the accepted facts of a review file as data/sources/<slug>.trig of --source "
                    "(default: the current directory), validated first; refused with every problem listed")
    ig.add_argument("--lang", choices=["de", "en", "ru"], help="the page's language (default: detected)")
    ig.add_argument("--url", help="the page's URL, recorded with the source (default: PAGE if it is a URL)")
    ig.add_argument("--retrieved", metavar="YYYY-MM-DD", help="when the page was retrieved")
    ig.add_argument("--title", help="the page's title, recorded with the source and naming its IRIs")
    ig.add_argument("--name", metavar="SLUG", help="the source's name in its IRIs (default: from the title or file)")
    ig.add_argument("--replace", action="store_true",
                    help="overwrite DRAFT.trig (with --accept: the published source, showing what changes)")
    ig.add_argument("--source", metavar="DIR", help="the source tree whose graph links entities (default: packaged; "
                    "with --accept: the tree published into, default the current directory)")
    ig.add_argument("-q", "--quiet", action="store_true", help="no progress messages")
    ig.set_defaults(func=cmd_ingest)


def cmd_ingest(args: argparse.Namespace) -> int:
    if args.accept:
        return _accept(args)
    from diplokg.ingest.draft import write_draft
    from diplokg.ingest.entities import slug
    from diplokg.ingest.page import read_page
    from diplokg.ingest.pipeline import Drafter

    out = Path(args.output or "")
    _check(args, out)
    progress = Progress(args.quiet)
    page = read_page(args.page, args.lang, args.url and http_url(args.url, "--url"), args.retrieved, args.title)
    progress(f"read {len(page.text):,} characters ({page.language})")
    drafter = Drafter(source_tree(args))
    result = drafter.draft(page)
    trig = write_draft(result, drafter.entities, slug(args.name) if args.name else None)
    try:
        write_atomically(out, trig)
    except OSError as e:
        raise DiplokgError(f"cannot write {out}: {e}") from None
    kinds = Counter(d.fact.kind for d in result.facts)
    questions = sum(len(d.questions) for d in result.facts)
    print(f"Drafted {len(result.facts)} fact(s) from {len(result.context.views)} sentence(s) of {args.page} "
          f"({page.language}) into {out}: " + (", ".join(f"{n} {k}" for k, n in sorted(kinds.items())) or "none")
          + f"; {questions} open question(s). Review it before anything is published.")
    _review_file(out)
    return 0


def _review_file(draft: Path) -> None:
    from diplokg.review.cards import read_draft
    from diplokg.review.file import new_review, review_path, save_review

    path = review_path(draft)
    if path.exists():
        print(f"{path} exists and is kept (a review of the earlier draft is refused for this one: remove it "
              "to start again)")
        return
    try:
        save_review(new_review(read_draft(draft), path))
    except OSError as e:
        raise DiplokgError(f"cannot write {path}: {e}") from None
    print(f"Decide each fact in {path}, then: diplokg ingest --accept {path}")


def _accept(args: argparse.Namespace) -> int:
    from diplokg.review.accept import accept
    from diplokg.source.tree import SourceTree

    if args.page or args.output:
        raise UsageError("--accept REVIEW takes no PAGE and no -o (it publishes a review)")
    review = Path(args.accept)
    if not review.is_file():
        raise UsageError(f"no review file {review}")
    layout = SourceTree(Path(args.source or ".").resolve())
    if not layout.shapes_dir.is_dir() or not layout.data_dir.is_dir():
        raise UsageError(f"{layout.root} is not a source tree (no data/ and shapes/); give --source DIR")
    try:
        done = accept(review, layout, args.replace, Progress(args.quiet))
    except OSError as e:
        raise DiplokgError(f"cannot publish {review}: {e}") from None
    verb = "Replaced" if done.replaced else "Wrote"
    print(f"{verb} {done.path}: {len(done.facts)} accepted fact(s), {done.triples} triple(s). "
          "It is served after the next build (diplokg build).")
    for fact, (added, removed) in sorted(done.changes.items()):
        print(f"  {fact}: +{added} -{removed} triple(s)")
    if done.replaced and not done.changes:
        print("  no triple changed")
    return 0


def _check(args: argparse.Namespace, out: Path) -> None:
    if not args.page or not args.output:
        raise UsageError("give PAGE and -o DRAFT.trig (or --accept REVIEW)")
    if out.exists() and not args.replace:
        raise UsageError(f"{out} exists (a draft under review?); give --replace to overwrite it")
    if not out.parent.is_dir():
        raise UsageError(f"cannot write {out}: no directory {out.parent}")
    if args.retrieved:
        try:
            dt.date.fromisoformat(args.retrieved)
        except ValueError:
            raise UsageError(f"--retrieved must be a date YYYY-MM-DD, got {args.retrieved!r}") from None
