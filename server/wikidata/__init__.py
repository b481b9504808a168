"""diplokg.wikidata (docstring to be written)."""
