"""Drafting facts from a new ministry page: the page read from a file or URL (``page``), its
language and sentences with character offsets (``segment``), stated dates (``dates``), the states,
cities, persons and organisations it names (``gazetteer``), the facts its sentences state, by rules
per fact kind (``rules``), and the draft written as TriG in our ontology with every fact linked to
its evidence sentence, the rule that produced it and a confidence (``draft``). ``gold`` reads the
development corpus's gold facts and scores drafts against them. Nothing drafted here reaches the
published graph without a person's review.

May import: ``core``, ``source``, ``validation``."""
