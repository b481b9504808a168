"""diplokg.engine (docstring to be written)."""
