"""Helpers shared by the test suites: the command line and a real server on loopback
(``cli_runner``, ``server_process``), loopback stand-ins (canary, SPARQL stand-in endpoint, HTTP
helpers), a Virtuoso instance of a test's own and its known differences, hostile payloads, broken
source trees, the expected results of saved queries, SHACL engine comparison and a manual clock."""
