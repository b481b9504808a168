"""Query execution behind the HTTP layer: a backend runs a job (``messages``: a query, a Graph Store
read, a ping) and answers with frames (``framing``). Two backends share the ``backend.QueryBackend``
interface: the embedded store's worker pool (``pool`` schedules; ``processes`` is the web process's
handle on the zygote and worker processes; ``zygote`` is the program that loads the store and forks
workers; ``execute`` evaluates a job on a pyoxigraph store) and a remote SPARQL engine (``remote``,
with ``remote_query`` for what is sent). Both share the fair shares of their slots between clients
(``fair_shares``, ``client_costs``). Failures the HTTP layer handles are in ``errors``.

May import: ``core``, ``build`` (the store and the build being served)."""
