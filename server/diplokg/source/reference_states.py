"""Generate ``data/states.trig``: all sovereign states (the 193 UN member states and the 2 UN
observer states) with English and German names, ISO 3166-1 codes, Correlates-of-War codes and
Wikidata QIDs, in the named graph ``https://w3id.org/diplokg/graph/reference/states``.

Sources (attribution in ``data/reference/README.md``):

- Our World in Data's grapher identifier table ``countries-regions.csv`` (CC BY 4.0): English
  names, ISO codes, COW code and letters, Wikidata entity IRI, aliases;
- ``country_converter``'s ``country_data.tsv``: UN membership (column ``UNmember``, the year of
  admission; empty for non-members). The two observer states are listed below;
- ``pycountry``'s German ISO 3166-1 translations: German names (translation of ``name``).

Usage (needs the optional ``reference`` extra)::

    python -m diplokg.source.reference_states --csv data/reference/countries-regions.csv -o data/states.trig

The output is deterministic (states sorted by ISO alpha-3, fixed layout and prefix order); a test
checks that the committed file is byte for byte what :func:`render_states` produces.
"""

from __future__ import annotations

import argparse
import csv
import gettext
import hashlib
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from types import MappingProxyType

GRAPH = "https://w3id.org/diplokg/graph/reference/states"
ID = "https://w3id.org/diplokg/id/"
UN_STATUS = "https://w3id.org/diplokg/vocab/un-status/"

#: Prefixes, in the order they are written.
PREFIXES: tuple[tuple[str, str], ...] = (
    ("dkg", "https://w3id.org/diplokg/ontology#"),
    ("id", ID),
    ("vocab", "https://w3id.org/diplokg/vocab/"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
    ("skos", "http://www.w3.org/2004/02/skos/core#"),
    ("prov", "http://www.w3.org/ns/prov#"),
    ("dcterms", "http://purl.org/dc/terms/"),
    ("wd", "http://www.wikidata.org/entity/"),
)

#: UN General Assembly non-member observer states; country_converter only records members.
UN_OBSERVERS: frozenset[str] = frozenset({"VAT", "PSE"})
EXPECTED_MEMBERS = 193

#: English labels that replace the CSV ``name``; each must be one of the row's CSV aliases (checked),
#: and the CSV name is kept as an skos:altLabel.
#: - VAT: the CSV says "Vatican", but the UN observer state is the Holy See ("Holy See" is a CSV
#:   alias); "Vatican" stays an alternative label.
#: - FSM: the CSV's "Micronesia (country)" carries OWID's disambiguating "(country)"; "Micronesia"
#:   is a CSV alias.
ENGLISH_LABEL_OVERRIDES: Mapping[str, str] = MappingProxyType({"VAT": "Holy See", "FSM": "Micronesia"})

QID_IRI = re.compile(r"http://www\.wikidata\.org/entity/(Q[1-9][0-9]*)")
COW_CODE = re.compile(r"([1-9][0-9]*)(?:\.0)?")

SOURCE_OWID = ID + "source/owid-countries-regions"
LINK_METHOD = "https://w3id.org/diplokg/vocab/link-method/"
SOURCE_PYCOUNTRY = ID + "source/pycountry"
SOURCE_COCO = ID + "source/country-converter"


@dataclass(frozen=True)
class State:
    """One sovereign state as written to the graph."""

    alpha3: str
    alpha2: str
    name_en: str
    name_de: str
    alt_labels: tuple[str, ...]
    cow_code: int | None
    cow_letters: str | None
    qid: str | None
    observer: bool


def _lit(text: str) -> str:
    """A Turtle string literal (double quotes, escaped)."""
    escaped = (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
               .replace("\t", "\\t"))
    return f'"{escaped}"'


def _is_mojibake(text: str) -> bool:
    """UTF-8 read as Latin-1, as in the CSV alias "CÃ´te D'Ivoire"."""
    return "\u00c3" in text


def un_members() -> frozenset[str]:
    """ISO alpha-3 codes of the UN member states according to country_converter's data file.

    The TSV is read directly: only this column is needed, and ``CountryConverter()`` 1.3.2 raises a
    TypeError under pandas 3.1 (the version in requirements-test.lock) while compiling its regexes.
    """
    from importlib.resources import files

    import country_converter  # noqa: F401  (optional dependency; makes the import error explicit)

    tsv = files("country_converter").joinpath("country_data.tsv").read_text(encoding="utf-8")
    rows = csv.DictReader(tsv.splitlines(), delimiter="\t")
    return frozenset(r["ISO3"].strip() for r in rows if r["UNmember"].strip())


def german_namer() -> tuple[Callable[[str], str | None], Callable[[str], str | None]]:
    """Two look-ups by ISO alpha-3: pycountry's alpha-2 code, and the German translation of its
    ISO 3166-1 ``name`` (``None`` where pycountry has no country or no German translation)."""
    import pycountry  # optional dependency

    class _Missing(gettext.NullTranslations):
        def gettext(self, message: str) -> str:
            raise LookupError(message)

    de = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["de"])
    de.add_fallback(_Missing())

    def alpha2(alpha3: str) -> str | None:
        country = pycountry.countries.get(alpha_3=alpha3)
        return None if country is None else country.alpha_2

    def german(alpha3: str) -> str | None:
        country = pycountry.countries.get(alpha_3=alpha3)
        if country is None:
            return None
        try:
            return de.gettext(country.name)
        except LookupError:
            return None

    return alpha2, german


def read_states(csv_path: Path) -> list[State]:
    """The sovereign states in the CSV, sorted by ISO alpha-3; raises ``ValueError`` if the
    selection is not exactly 193 members and 2 observers or a German name is missing."""
    members = un_members()
    if len(members) != EXPECTED_MEMBERS or members & UN_OBSERVERS:
        raise ValueError(f"country_converter lists {len(members)} UN members "
                         f"(observers among them: {sorted(members & UN_OBSERVERS)})")
    wanted = members | UN_OBSERVERS
    pycountry_alpha2, german = german_namer()
    states: list[State] = []
    problems: list[str] = []
    with csv_path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["iso_alpha3"].strip() not in wanted:
                continue
            state = _read_state(row, pycountry_alpha2, german, problems)
            if state is not None:
                states.append(state)
    found = [s.alpha3 for s in states]
    missing = sorted(wanted - set(found))
    if missing or len(found) != len(set(found)):
        problems.append(f"states missing from or repeated in {csv_path.name}: missing {missing}")
    if problems:
        raise ValueError("; ".join(problems))
    return sorted(states, key=lambda s: s.alpha3)


def _read_state(row: dict[str, str], pycountry_alpha2: Callable[[str], str | None],
                german: Callable[[str], str | None], problems: list[str]) -> State | None:
    """The state of one CSV row, checked against pycountry; None (with the reason added to
    ``problems``) if it cannot be read."""
    a3 = row["iso_alpha3"].strip()
    a2 = row["iso_alpha2"].strip()
    if pycountry_alpha2(a3) != a2:
        problems.append(f"{a3}: alpha-2 {a2!r} in the CSV, {pycountry_alpha2(a3)!r} in pycountry")
    name_de = german(a3)
    if name_de is None:
        problems.append(f"{a3}: no German name in pycountry")
        return None
    csv_name = row["name"].strip()
    aliases = [a.strip() for a in json.loads(row["aliases"])] if row["aliases"].strip() else []
    name_en = ENGLISH_LABEL_OVERRIDES.get(a3, csv_name)
    if name_en != csv_name and name_en not in aliases:
        problems.append(f"{a3}: English label {name_en!r} is not a CSV alias")
    alt = {csv_name, row["wikidata_label"].strip(), *aliases}
    alt = {a for a in alt if a and a != name_en and not _is_mojibake(a)}
    qid = None
    if row["wikidata_uri"].strip():
        match = QID_IRI.fullmatch(row["wikidata_uri"].strip())
        if match is None:
            problems.append(f"{a3}: unexpected wikidata_uri {row['wikidata_uri']!r}")
            return None
        qid = match.group(1)
    cow_code = None
    if row["cow_code"].strip():
        match = COW_CODE.fullmatch(row["cow_code"].strip())
        if match is None:
            problems.append(f"{a3}: unexpected cow_code {row['cow_code']!r}")
            return None
        cow_code = int(match.group(1))
    return State(
        alpha3=a3,
        alpha2=a2,
        name_en=name_en,
        name_de=name_de,
        alt_labels=tuple(sorted(alt)),
        cow_code=cow_code,
        cow_letters=row["cow_letter"].strip() or None,
        qid=qid,
        observer=a3 in UN_OBSERVERS,
    )


def _state_block(s: State) -> str:
    lines = [f"<{ID}state/{s.alpha3}> a dkg:State ;",
             f"    rdfs:label {_lit(s.name_en)}@en , {_lit(s.name_de)}@de ;"]
    if s.alt_labels:
        lines.append("    skos:altLabel " + " , ".join(f"{_lit(a)}@en" for a in s.alt_labels) + " ;")
    lines.append(f"    dkg:isoAlpha2 {_lit(s.alpha2)} ;")
    lines.append(f"    dkg:isoAlpha3 {_lit(s.alpha3)} ;")
    if s.cow_code is not None:
        lines.append(f"    dkg:cowCode {s.cow_code} ;")
    if s.cow_letters:
        lines.append(f"    dkg:cowLetters {_lit(s.cow_letters)} ;")
    if s.qid:
        lines.append(f"    dkg:wikidataId {_lit(s.qid)} ;")
        lines.append(f"    skos:exactMatch wd:{s.qid} ;")
    lines.append(f"    dkg:unStatus <{UN_STATUS}{'observer' if s.observer else 'member'}> ;")
    lines.append(f"    prov:wasDerivedFrom <{SOURCE_OWID}> , <{SOURCE_PYCOUNTRY}> , <{SOURCE_COCO}> .")
    if s.qid:  # the provenance of the link: the QID is a column of the OWID table
        lines += [f"<{ID}wikidata-link/state/{s.alpha3}> a dkg:WikidataLink ;",
                  f"    rdfs:label {_lit('Wikidata link of ' + s.name_en)}@en , "
                  f"{_lit('Wikidata-Verknüpfung von ' + s.name_de)}@de ;",
                  f"    dkg:linkedEntity <{ID}state/{s.alpha3}> ;",
                  f"    dkg:linkedItem wd:{s.qid} ;",
                  f"    dkg:linkMethod <{LINK_METHOD}reference-table> ;",
                  f"    prov:wasDerivedFrom <{SOURCE_OWID}> ."]
    return "\n".join(lines) + "\n"


def _sources_block(csv_sha256: str, coco_version: str, pycountry_version: str) -> str:
    return (
        f"<{SOURCE_OWID}> a dkg:ReferenceDataset ;\n"
        '    rdfs:label "Our World in Data: countries and regions identifier table"@en , '
        '"Our World in Data: Tabelle der Länder- und Regionskennungen"@de ;\n'
        "    dcterms:license <https://creativecommons.org/licenses/by/4.0/> ;\n"
        '    dcterms:publisher "Our World in Data" ;\n'
        '    dcterms:description "Country and region identifier table of Our World in Data\'s grapher '
        "(countries-regions.csv). Taken from it: English names, aliases, ISO 3166-1 alpha-2 and alpha-3 codes, "
        'Correlates of War codes and letters, and Wikidata entity IRIs of the states."@en ;\n'
        '    dkg:fileName "countries-regions.csv" ;\n'
        f"    dkg:sha256 {_lit(csv_sha256)} .\n"
        "\n"
        f"<{SOURCE_PYCOUNTRY}> a dkg:ReferenceDataset ;\n"
        '    rdfs:label "pycountry (Python package)"@en , "pycountry (Python-Paket)"@de ;\n'
        '    dcterms:description "Python package with ISO 3166-1 data and translations. Taken from it: the German '
        'names of the states (German translation of the ISO 3166-1 name)."@en ;\n'
        f"    dcterms:hasVersion {_lit(pycountry_version)} .\n"
        "\n"
        f"<{SOURCE_COCO}> a dkg:ReferenceDataset ;\n"
        '    rdfs:label "country_converter (Python package)"@en , "country_converter (Python-Paket)"@de ;\n'
        '    dcterms:description "Python package with a country classification table (country_data.tsv). Taken '
        "from it: which states are UN member states (column UNmember, the year of admission). The two UN observer "
        "states, the Holy See and the State of Palestine, are not in that column and are named by the "
        'generator."@en ;\n'
        f"    dcterms:hasVersion {_lit(coco_version)} .\n"
    )


def render_states(csv_path: Path | str) -> str:
    """The TriG text of the states graph, generated from the CSV and the two packages."""
    csv_path = Path(csv_path)
    states = read_states(csv_path)
    parts = [
        "# GENERATED by `python -m diplokg.source.reference_states` - do not edit by hand.\n",
        f"# All sovereign states: {sum(not s.observer for s in states)} UN member states and "
        f"{sum(s.observer for s in states)} UN observer states. Sources and licences: data/reference/README.md.\n",
        *(f"@prefix {p + ':':<9}<{iri}> .\n" for p, iri in PREFIXES),
        "\n",
        f"<{GRAPH}> {{\n\n",
        _sources_block(hashlib.sha256(csv_path.read_bytes()).hexdigest(), version("country_converter"),
                       version("pycountry")),
    ]
    parts.extend("\n" + _state_block(s) for s in states)
    parts.append("}\n")
    return "".join(parts)


def main(argv: list[str] | None = None) -> int:
    """Command line: write the states graph to the output file."""
    parser = argparse.ArgumentParser(prog="python -m diplokg.source.reference_states",
                                     description="Generate the states reference graph (TriG).")
    parser.add_argument("--csv", type=Path, default=Path("data/reference/countries-regions.csv"),
                        help="OWID countries-regions.csv")
    parser.add_argument("-o", "--output", type=Path, default=Path("data/states.trig"), help="TriG file to write")
    args = parser.parse_args(argv)
    args.output.write_bytes(render_states(args.csv).encode("utf-8"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
