"""diplokg.cli.main (docstring to be written)."""
