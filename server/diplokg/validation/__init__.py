"""SHACL validation of the whole graph: shapes compiled to a plan (``compile``, ``plan``), the plan
rendered as set-oriented SPARQL (``sparql``) and run on pyoxigraph (``run``), messages and the
report graph as pyshacl writes them, and the typed report naming the data file of every violation
(``validate``, which can also run pyshacl, the reference).

May import: ``core``, ``source``."""
