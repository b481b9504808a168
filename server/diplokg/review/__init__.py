"""Reviewing drafts of ``diplokg ingest`` before anything is published: a draft read into typed
cards, one per drafted fact (``cards``: its rule, confidence, sentence, resources, notes, questions
and triples); the review file next to the draft (``file``: ``DRAFT.review.yaml``, every decision
saved at once with its reviewer and time, a history for undo, editable by hand); how each drafted
fact stands against the published graph (``compare``: new, already known, adds detail, or
contradicts another source, with that source's sentence; ``sameness``: what counts as the same
value); and publishing a review (``accept``: the accepted facts only, with their provenance,
validated before ``data/sources/<slug>.trig`` is written). Nothing is published that a person did
not accept.

May import: ``ingest``, ``build``, ``validation``, ``source``, ``core``. Imported only by ``cli``."""
