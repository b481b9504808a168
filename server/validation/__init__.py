"""diplokg.validation.validate (docstring to be written)."""
