"""Generate ``data/states.trig``: all sovereign states (193 UN members + 2 UN observer states) with
ISO 3166 codes, Correlates-of-War codes, English and German names and Wikidata QIDs.

Sources (copied into ``data/reference/`` with attribution, see its README):
- Our World in Data's country identifier table ``countries-regions.csv`` (CC BY 4.0): names,
  ISO codes, COW code and letters, Wikidata entity IRI, aliases;
- the ``country_converter`` package's ``country_data.tsv``: UN membership (column ``UNmember``);
- the ``pycountry`` package's ISO 3166 German translations: German names.

Run ``python -m diplokg.reference_states`` (needs the optional ``reference`` extra); the output is
deterministic, and a test checks that the committed file is what this module produces.
"""

from __future__ import annotations

import argparse
import csv
import gettext
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

GRAPH = "https://w3id.org/diplokg/graph/reference/states"

#: UN General Assembly non-member observer states (not in country_converter's data).
UN_OBSERVERS = {"VAT", "PSE"}

#: English labels where the CSV's name is not the name of the UN member or observer state; the
#: CSV name is kept as an alternative label.
ENGLISH_NAME_OVERRIDES = {"VAT": "Holy See", "FSM": "Micronesia"}

#: German short names where pycountry only has the inverted ISO form ("Mikronesien, Föderierte
#: Staaten von"); the short form is the ISO name's first part.
GERMAN_NAME_OVERRIDES: dict[str, str] = {"FSM": "Mikronesien", "PSE": "Palästina", "VAT": "Heiliger Stuhl"}


@dataclass(frozen=True)
class State:
    alpha3: str
    alpha2: str
    name_en: str
    name_de: str
    aliases: tuple[str, ...]
    cow_code: int | None
    cow_letters: str | None
    qid: str | None
    observer: bool


def _lit(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _is_mojibake(text: str) -> bool:
    return any(marker in text for marker in ("Ã", "\u00c3", "Â"))


def read_un_members(country_data_tsv: Path) -> set[str]:
    with country_data_tsv.open(encoding="utf-8") as fh:
        return {r["ISO3"] for r in csv.DictReader(fh, delimiter="\t") if r["UNmember"].strip()}


def _pycountry_paths() -> tuple[Path, str]:
    import pycountry  # optional dependency (extra "reference")

    return Path(pycountry.LOCALES_DIR), pycountry.__name__


def german_name(alpha3: str) -> str:
    import pycountry

    if alpha3 in GERMAN_NAME_OVERRIDES:
        return GERMAN_NAME_OVERRIDES[alpha3]
    country = pycountry.countries.get(alpha_3=alpha3)
    if country is None:
        raise ValueError(f"pycountry has no country {alpha3}")
    de = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["de"])
    # The common name ("Iran") is the short form; the ISO name may be inverted ("Iran, Islamic Republic of").
    return de.gettext(getattr(country, "common_name", None) or country.name)


def read_states(countries_csv: Path, country_data_tsv: Path) -> list[State]:
    members = read_un_members(country_data_tsv)
    wanted = members | UN_OBSERVERS
    states = []
    with countries_csv.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            a3 = row["iso_alpha3"].strip()
            if a3 not in wanted:
                continue
            name = ENGLISH_NAME_OVERRIDES.get(a3, row["name"].strip())
            aliases = set(json.loads(row["aliases"])) if row["aliases"].strip() else set()
            aliases |= {row["name"].strip(), row["wikidata_label"].strip()}
            aliases = {a for a in aliases if a and a != name and not _is_mojibake(a)}
            qid = row["wikidata_uri"].rsplit("/", 1)[-1] if row["wikidata_uri"].strip() else None
            states.append(
                State(
                    alpha3=a3,
                    alpha2=row["iso_alpha2"].strip(),
                    name_en=name,
                    name_de=german_name(a3),
                    aliases=tuple(sorted(aliases)),
                    cow_code=int(float(row["cow_code"])) if row["cow_code"].strip() else None,
                    cow_letters=row["cow_letter"].strip() or None,
                    qid=qid,
                    observer=a3 in UN_OBSERVERS,
                )
            )
    missing = wanted - {s.alpha3 for s in states}
    if missing:
        raise ValueError(f"states missing from {countries_csv.name}: {sorted(missing)}")
    return sorted(states, key=lambda s: s.alpha3)


def render_states(countries_csv: Path, country_data_tsv: Path | None = None) -> str:
    """The TriG text of the states graph (deterministic)."""
    import country_converter
    import pycountry

    tsv = country_data_tsv or Path(country_converter.__file__).parent / "country_data.tsv"
    states = read_states(countries_csv, tsv)
    csv_sha = hashlib.sha256(countries_csv.read_bytes()).hexdigest()
    cc_version = country_converter.__version__
    pc_version = _version("pycountry")
    out = [
        "# GENERATED by `python -m diplokg.reference_states` — do not edit by hand.\n",
        "# All sovereign states: 193 UN member states and 2 UN observer states. Sources and licences:\n",
        "# data/reference/README.md.\n",
        "@base    <https://w3id.org/diplokg/id/> .\n",
        "@prefix dkg:     <https://w3id.org/diplokg/ontology#> .\n",
        "@prefix unstatus: <https://w3id.org/diplokg/vocab/un-status/> .\n",
        "@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .\n",
        "@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .\n",
        "@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .\n",
        "@prefix prov:    <http://www.w3.org/ns/prov#> .\n",
        "@prefix dcterms: <http://purl.org/dc/terms/> .\n",
        "@prefix wd:      <http://www.wikidata.org/entity/> .\n\n",
        f"<{GRAPH}> {{\n\n",
        "<source/owid-countries-regions> a dkg:ReferenceDataset ;\n",
        '    rdfs:label "Our World in Data: country and region identifier table"@en , "Our World in Data: Tabelle der Länder- und Regionskennungen"@de ;\n',
        '    dcterms:description "Country identifier table of Our World in Data\'s open-source grapher (countries-regions.csv): English names, ISO 3166 codes, Correlates-of-War codes and letters, Wikidata entity IRIs and aliases."@en ;\n',
        '    dcterms:publisher "Our World in Data" ;\n',
        "    dcterms:license <https://creativecommons.org/licenses/by/4.0/> ;\n",
        '    dkg:fileName "countries-regions.csv" ;\n',
        f'    dkg:sha256 "{csv_sha}" .\n\n',
        "<source/country-converter> a dkg:ReferenceDataset ;\n",
        '    rdfs:label "country_converter (Python package)"@en , "country_converter (Python-Paket)"@de ;\n',
        '    dcterms:description "UN membership of states, from the column UNmember of the package\'s country_data.tsv."@en ;\n',
        f'    dcterms:hasVersion "{cc_version}" .\n\n',
        "<source/pycountry> a dkg:ReferenceDataset ;\n",
        '    rdfs:label "pycountry (Python package)"@en , "pycountry (Python-Paket)"@de ;\n',
        '    dcterms:description "German state names, from the package\'s German translations of ISO 3166-1 (Debian iso-codes)."@en ;\n',
        f'    dcterms:hasVersion "{pc_version}" .\n\n',
    ]
    for s in states:
        lines = [f"<state/{s.alpha3}> a dkg:State ;", f"    rdfs:label {_lit(s.name_en)}@en , {_lit(s.name_de)}@de ;"]
        if s.aliases:
            lines.append("    skos:altLabel " + " , ".join(f"{_lit(a)}@en" for a in s.aliases) + " ;")
        lines.append(f'    dkg:isoAlpha2 "{s.alpha2}" ;')
        lines.append(f'    dkg:isoAlpha3 "{s.alpha3}" ;')
        if s.cow_code is not None:
            lines.append(f"    dkg:cowCode {s.cow_code} ;")
        if s.cow_letters:
            lines.append(f'    dkg:cowLetters "{s.cow_letters}" ;')
        if s.qid:
            lines.append(f'    dkg:wikidataId "{s.qid}" ;')
            lines.append(f"    skos:exactMatch wd:{s.qid} ;")
        lines.append(f"    dkg:unStatus unstatus:{'observer' if s.observer else 'member'} ;")
        derived = ["<source/owid-countries-regions>", "<source/pycountry>"] + ([] if s.observer else ["<source/country-converter>"])
        lines.append("    prov:wasDerivedFrom " + " , ".join(derived) + " .")
        out.append("\n".join(lines) + "\n\n")
    out.append("}\n")
    return "".join(out)


def _version(dist: str) -> str:
    from importlib.metadata import version

    return version(dist)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m diplokg.reference_states", description=__doc__.split("\n\n")[0])
    p.add_argument("--csv", type=Path, default=Path("data/reference/countries-regions.csv"))
    p.add_argument("-o", "--output", type=Path, default=Path("data/states.trig"))
    args = p.parse_args(argv)
    args.output.write_text(render_states(args.csv), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
