"""``python -m diplokg.cli``: the ``diplokg`` command."""

import sys

from diplokg.cli.main import main

sys.exit(main())
