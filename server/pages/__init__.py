"""diplokg.pages (docstring to be written)."""
