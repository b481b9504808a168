"""diplokg.saved_queries.catalog (docstring to be written)."""
