"""Unit tests of query analysis (diplokg.http.analysis): the federation filter."""

from __future__ import annotations

import pytest

from diplokg.core.lexer import analyse
from diplokg.http.analysis import check_services
from diplokg.http.errors import ProtocolError as FederationRefused


def test_federation_rules():
    allowed = ["https://query.wikidata.org/sparql"]
    check_services(analyse("SELECT * { SERVICE <https://query.wikidata.org/sparql> { } }"), allowed)
    with pytest.raises(FederationRefused, match="disabled"):
        check_services(analyse("SELECT * { SERVICE <https://query.wikidata.org/sparql> { } }"), [])
    with pytest.raises(FederationRefused, match="allowlist"):
        check_services(analyse("SELECT * { SERVICE <http://127.0.0.1/> { } }"), allowed)
    with pytest.raises(FederationRefused, match="variable"):
        check_services(analyse("SELECT * { SERVICE ?x { } }"), allowed)
