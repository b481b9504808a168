"""pymorphy3's analyser of Russian, loaded once (its dictionaries take a moment): dictionary forms
of inflected words ("в Киеве" → "Киев") and every case of a name ("Казахстан" → "Казахстане")."""

from __future__ import annotations

from functools import cache
from typing import Any


@cache
def morph() -> Any:  # pymorphy3 has no type information
    import pymorphy3

    return pymorphy3.MorphAnalyzer()
