"""The W3C SPARQL 1.0 and 1.1 test suites (``suites/``, W3C Software Notice and License) run over
HTTP against ``diplokg serve`` and, side by side, ``oxigraph serve``: the manifests
(``manifests``), the comparison of results (``results``), one test run against an endpoint
(``runner``) and the tests that fail with their reasons (``known_failures.toml``)."""
