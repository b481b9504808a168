"""The HTTP side of the endpoint, over any query backend: the SPARQL 1.1 Protocol and the Graph
Store Protocol (read side), request limits and middleware, content negotiation, error responses,
the service description, VoID and OpenAPI, and the routes of the endpoint, the dumps and the saved
queries (``routes``).

A SPARQL request reads top-down: ``protocol`` (HTTP → query request) → ``analysis`` (one pass of the
lexer; read-only, nesting, federation and binding checks) → ``negotiation`` (the format for the
query's form) → ``execution`` (the job run on the backend within its budget and the client's
limits, and its frames turned into the response); ``answer`` is that sequence.

May import: ``core``, ``saved_queries``, ``build`` (the release being served), ``engine``."""
