"""IRIs of the named graphs and documents of the bundled dataset, for tests."""

ROMANIA = "https://w3id.org/diplokg/graph/source/mfa-tj-romania"
NORWAY = "https://w3id.org/diplokg/graph/source/mfa-tj-norway"
STATES = "https://w3id.org/diplokg/graph/reference/states"
ONTOLOGY = "https://w3id.org/diplokg/graph/ontology"
ENTITIES = "https://w3id.org/diplokg/graph/reference/entities"
