"""diplokg.http (docstring to be written)."""
