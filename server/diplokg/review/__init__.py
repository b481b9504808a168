"""Reviewing drafts of new source pages before anything is published: how each drafted fact stands
against the published graph (``compare``: new, already known, adds detail, or contradicts another
source, with that source's sentence).

May import: ``ingest``, ``build``, ``validation``, ``source``, ``core``. Nothing imports it but ``cli``."""
