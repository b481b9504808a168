"""Synthetic data for benchmarks and load tests, never for publication: a plan of a made-up
diplomatic world (``plan``, ``names``, ``dates``) written as facts in our ontology with evidence
sentences in synthetic source documents (``facts``, ``events``, ``document``), into a copy of a
source tree (``generate``).

May import: ``core``, ``source``."""
