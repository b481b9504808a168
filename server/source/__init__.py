"""diplokg.source (docstring to be written)."""
