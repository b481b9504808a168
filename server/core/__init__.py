"""diplokg.core (docstring to be written)."""
