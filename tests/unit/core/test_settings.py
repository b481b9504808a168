"""Unit tests of the server settings (diplokg.core.settings)."""

from __future__ import annotations

import pytest

from diplokg.core.errors import DiplokgError
from diplokg.core.settings import load_settings


def test_settings_precedence():
    s = load_settings({"timeout": 5, "port": None}, {"DIPLOKG_TIMEOUT": "9", "DIPLOKG_PORT": "9000",
                                                      "DIPLOKG_FEDERATION_ALLOWLIST": "http://a/ http://b/"})
    assert s.timeout == 5 and s.port == 9000 and s.federation_allowlist == ("http://a/", "http://b/")
    assert s.base_url == "http://127.0.0.1:9000/" and s.endpoint_url == "http://127.0.0.1:9000/sparql"
    assert load_settings({"base_url": "https://kg.example/x"}, {}).base_url == "https://kg.example/x/"
    assert s.service_timeout == 10
    assert load_settings({"service_timeout": "2.5"}, {"DIPLOKG_SERVICE_TIMEOUT": "7"}).service_timeout == 2.5
    assert load_settings(None, {"DIPLOKG_SERVICE_TIMEOUT": "7"}).service_timeout == 7
    with pytest.raises(DiplokgError, match="service_timeout must be positive"):
        load_settings({"service_timeout": 0}, {})
