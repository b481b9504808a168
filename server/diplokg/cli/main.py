"""The ``diplokg`` command: the parser, assembled from the command groups (each registers its own
subcommands), and the one place that turns errors into exit statuses."""

from __future__ import annotations

import argparse
import sys

from diplokg import __version__
from diplokg.cli import data, ingest, query, releases, review, serve, wikidata
from diplokg.core.errors import DiplokgError

#: the command groups, in the order of ``diplokg --help``
GROUPS = (data, serve, query, ingest, review, wikidata, releases)


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
    for group in GROUPS:
        group.register(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.func(args))
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
