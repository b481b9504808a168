"""diplokg.synthetic (docstring to be written)."""
