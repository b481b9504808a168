"""SHACL validation of the whole graph: shapes compiled to a plan (``compile``, ``plan``), the plan
rendered as set-oriented SPARQL (``sparql``) and run on pyoxigraph (``run``), messages and the
report graph as pyshacl writes them, the one-value constraints held per source graph
(``per_source``), and the typed report naming the data file (and, for a one-value constraint, the
source graph) of every violation (``validate``, which can also run pyshacl, the reference).

May import: ``core``, ``source``."""
