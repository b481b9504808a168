"""diplokg.app.server (docstring to be written)."""
