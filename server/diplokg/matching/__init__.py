"""Matching names: the text primitives shared by everything that links a name to an entity
(``names``: words, transliteration, consonant skeletons, acronyms, likeness with its reason).

May import: nothing of diplokg (only the standard library, anyascii and rapidfuzz)."""
