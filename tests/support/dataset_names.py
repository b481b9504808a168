"""IRIs of the named graphs and documents of the bundled dataset, for tests."""

ROMANIA = "https://w3id.org/diplokg/graph/source/mfa-tj-romania"
NORWAY = "https://w3id.org/diplokg/graph/source/mfa-tj-norway"
STATES = "https://w3id.org/diplokg/graph/reference/states"
ONTOLOGY = "https://w3id.org/diplokg/graph/ontology"
ENTITIES = "https://w3id.org/diplokg/graph/reference/entities"

# a state given a hostile label and a javascript: link in the test store of tests/conftest.py
HOSTILE = "https://w3id.org/diplokg/id/state/ROU"
SCRIPT_LABEL = '<script>document.title="pwned"</script><img src=x onerror=alert(1)>'
