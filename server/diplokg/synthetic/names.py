"""Made-up personal and place names for synthetic data, built from syllables so that they look like
names (realistic lengths and spread of distinct values) without copying anyone's real name."""

from __future__ import annotations

import random

_ONSETS = ("b", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "dr", "kr", "st", "tr",
           "sh", "ch", "j", "y")
_VOWELS = ("a", "e", "i", "o", "u", "ai", "ei", "ou", "ia")
_CODAS = ("", "", "n", "r", "l", "s", "m", "k", "nd", "rt", "sk", "v")


def _word(rng: random.Random, syllables: int) -> str:
    parts = [rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS) for _ in range(syllables)]
    return "".join(parts).capitalize()


def person_name(rng: random.Random) -> str:
    """"Given Family" (sometimes with a second given name)."""
    names = [_word(rng, rng.choice((2, 2, 3)))]
    if rng.random() < 0.15:
        names.append(_word(rng, 2))
    names.append(_word(rng, rng.choice((2, 3, 3, 4))))
    return " ".join(names)


def city_name(rng: random.Random) -> str:
    return _word(rng, rng.choice((2, 3, 3)))
