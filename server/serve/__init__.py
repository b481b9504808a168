"""diplokg.serve.server (docstring to be written)."""
