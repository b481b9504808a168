"""The name index: every labelled entity's names in one SQLite file (FTS5, from the standard
library), written by the build next to the store and read by search and reconciliation.

Two full-text tables over the names in plain Latin letters (``names.plain``) find the candidates:
``terms`` holds the words and their consonant skeletons, so a word begun ("Kal"), in another
transliteration ("Qalandar") or with a vowel wrong ("Tajhidro") is found; ``grams`` holds trigrams,
for other misspellings, asked only when the words find nothing close. ``names.Likeness.partial``
then ranks the candidates; an entity counts with its best name. SQLite was measured against a
precomputed table scanned with difflib and against FTS5 trigrams alone (``bench/search_bench.py``).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import Indel

from diplokg.matching.names import MIN_SKELETON, Likeness, plain, skeleton

FORMAT = "2"
#: names whose likeness the ranking computes, at most (the full-text ranking picks them)
CANDIDATES = 400
#: the words of a query that count; a query is cut to this many characters
MAX_WORDS = 12
MAX_QUERY = 300
#: spellings of an unknown word of a query that are tried (known words this alike, at most)
CORRECTIONS, CORRECTION = 3, 0.75
#: a word in more names than this is left out when any word of a query may match (too common to
#: say anything: "of", "der", "republic" at 1 M triples)
COMMON = 2000
RESOURCE = "http://www.w3.org/2000/01/rdf-schema#Resource"

_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE entity(id INTEGER PRIMARY KEY, iri TEXT NOT NULL UNIQUE, type TEXT NOT NULL);
CREATE TABLE entity_type(type TEXT NOT NULL, entity INTEGER NOT NULL, PRIMARY KEY (type, entity)) WITHOUT ROWID;
CREATE INDEX entity_type_entity ON entity_type(entity);
CREATE TABLE name(id INTEGER PRIMARY KEY, entity INTEGER NOT NULL, text TEXT NOT NULL, plain TEXT NOT NULL,
                  lang TEXT NOT NULL, alternative INTEGER NOT NULL, words TEXT NOT NULL, sounds TEXT);
CREATE INDEX name_entity ON name(entity);
CREATE INDEX name_words ON name(words);
CREATE INDEX name_sounds ON name(sounds) WHERE sounds IS NOT NULL;
CREATE VIRTUAL TABLE terms USING fts5(words, sounds, content='', prefix='2 3');
CREATE VIRTUAL TABLE grams USING fts5(plain, content='', tokenize='trigram');
CREATE TABLE vocab(id INTEGER PRIMARY KEY, word TEXT NOT NULL UNIQUE, names INTEGER NOT NULL);
CREATE VIRTUAL TABLE vocab_grams USING fts5(word, content='', tokenize='trigram');
"""


@dataclass(frozen=True)
class Name:
    text: str
    lang: str  # "" without a language tag
    alternative: bool  # skos:altLabel (not a label)


@dataclass(frozen=True)
class Entry:
    """One labelled entity as the index receives it: its IRI, its classes (the one shown first)."""
    iri: str
    types: tuple[str, ...]
    names: tuple[Name, ...]


@dataclass(frozen=True)
class Hit:
    iri: str
    type: str
    types: tuple[str, ...]
    label: str  # its label in the asked language (else English, else any)
    matched: str  # the name that matched best
    lang: str  # the matched name's language
    score: float  # 0..1
    reason: str  # why it matched: names.likeness's reasons


@dataclass(frozen=True)
class Found:
    hits: tuple[Hit, ...]
    total: int  # entities that matched (at most the candidates' entities)


def write_index(path: Path, entries: Iterable[Entry]) -> dict[str, int]:
    """Write the index of ``entries`` to ``path`` (replaced whole); returns its counts and size."""
    partial = path.with_name(path.name + ".part")
    partial.unlink(missing_ok=True)
    db = sqlite3.connect(partial)
    try:
        db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
        entities = names = 0
        rows: list[tuple[object, ...]] = []
        vocab: dict[str, int] = {}
        for entities, entry in enumerate(entries, 1):
            types = entry.types or (RESOURCE,)
            db.execute("INSERT INTO entity VALUES (?, ?, ?)", (entities, entry.iri, types[0]))
            db.executemany("INSERT OR IGNORE INTO entity_type VALUES (?, ?)", [(t, entities) for t in types])
            for name in entry.names:
                names += 1
                text = plain(name.text)
                for word in set(text.split()):
                    vocab[word] = vocab.get(word, 0) + 1
                rows.append((names, entities, name.text, text, name.lang, int(name.alternative), *keys(text)))
            if len(rows) >= 10_000:
                _insert(db, rows)
        _insert(db, rows)
        db.executemany("INSERT INTO vocab VALUES (?, ?, ?)", [(n, w, c) for n, (w, c) in enumerate(vocab.items(), 1)])
        db.executemany("INSERT INTO vocab_grams(rowid, word) VALUES (?, ?)",
                       [(n, w) for n, w in enumerate(vocab, 1) if len(w) >= MIN_SKELETON])
        db.executemany("INSERT INTO meta VALUES (?, ?)",
                       [("format", FORMAT), ("entities", str(entities)), ("names", str(names))])
        db.execute("INSERT INTO terms(terms) VALUES ('optimize')")
        db.execute("INSERT INTO grams(grams) VALUES ('optimize')")
        db.commit()
    finally:
        db.close()
    partial.replace(path)
    return {"entities": entities, "names": names, "bytes": path.stat().st_size}


def keys(text: str) -> tuple[str, str | None]:
    """A plain name's words in sorted order, and its words' consonant skeletons in sorted order
    (None if a word is too short for its skeleton to say anything): names with the same words in
    any order, or spelt alike in another transliteration, share them."""
    words = text.split()
    sounds = " ".join(sorted(map(skeleton, words))) if words and all(len(w) >= MIN_SKELETON for w in words) else None
    return " ".join(sorted(words)), sounds  # word_key of the plain text


def _insert(db: sqlite3.Connection, rows: list[tuple[object, ...]]) -> None:
    db.executemany("INSERT INTO name VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    db.executemany("INSERT INTO terms(rowid, words, sounds) VALUES (?, ?, ?)",
                   [(r[0], r[3], _sounds(str(r[3]))) for r in rows])
    db.executemany("INSERT INTO grams(rowid, plain) VALUES (?, ?)", [(r[0], r[3]) for r in rows])
    rows.clear()


def _all_of(words: Sequence[str] | Sequence[list[str]]) -> str:
    """An FTS5 query for names with every word (or one of each word's spellings), the last begun."""
    parts = []
    for n, word in enumerate(words):
        spellings = [word] if isinstance(word, str) else word
        last = "*" if n == len(words) - 1 else ""
        parts.append("(" + " OR ".join(f'words:"{w}"{last}' for w in spellings) + ")")
    return " AND ".join(parts)


def _any_trigram(text: str) -> str:
    """An FTS5 query (trigram tables) for texts with any of ``text``'s trigrams (3 letters or more)."""
    return " OR ".join(f'"{g}"' for g in sorted({text[i:i + 3] for i in range(len(text) - 2)}))


def _sounds(text: str) -> str:
    return " ".join(skeleton(w) for w in text.split() if len(w) >= MIN_SKELETON)


class NameIndex:
    """The index at ``path``, read only; one connection per thread (the web app's thread pool)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        meta = dict(self._db().execute("SELECT key, value FROM meta").fetchall())
        if meta.get("format") != FORMAT:
            raise sqlite3.DatabaseError(f"{path} is a name index of format {meta.get('format')}, not {FORMAT}")

    def _db(self) -> sqlite3.Connection:
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro&immutable=1", uri=True,
                                 check_same_thread=False)
            self._local.db = db
        return db

    def type_counts(self) -> dict[str, int]:
        """How many entities the index holds of each class, most first."""
        rows = self._db().execute("SELECT type, COUNT(*) FROM entity_type GROUP BY type ORDER BY 2 DESC, 1").fetchall()
        return {t: n for t, n in rows}

    def search(self, query: str, types: Sequence[str] = (), limit: int = 10, offset: int = 0,
               lang: str = "en") -> Found:
        """The entities whose names are like ``query``, best first (of ``types`` if given).

        Candidates come in stages, each asked only if the ones before found nothing: names with the
        query's words in any order or spelt alike (``keys``) and names with all of its words (the
        last one begun, as one types); the same with an unknown word replaced by the known words
        spelt most like it ("Kalamdar": "kalandar"); names with any of its words or their sounds;
        names with its trigrams."""
        text = query[:MAX_QUERY]
        words = plain(text).split()[:MAX_WORDS]
        if not words:
            return Found((), 0)
        key, sounds = keys(" ".join(words))
        found = self._same(key, sounds, types) + self._candidates("terms", _all_of(words), types)
        if not found:  # a word misspelt? its known spellings in its place
            spellings = [self._spellings(w) for w in words]
            if any(len(s) > 1 for s in spellings):
                found = self._candidates("terms", _all_of(spellings), types)
        if not found:  # any of its words (the common ones aside) or their sounds
            counts = self._counts(words)
            rare = [w for w in words if counts.get(w, 0) <= COMMON] or words
            found = self._candidates("terms", " OR ".join(
                [f'words:"{w}"' for w in rare] + [f'sounds:"{skeleton(w)}"' for w in rare if len(w) >= MIN_SKELETON]),
                types)
        joined = " ".join(words)
        if not found and len(joined) >= 3:
            found = self._candidates("grams", _any_trigram(joined), types)
        ranked = self._ranked(text, found, lang)
        page = ranked[offset:offset + limit]
        return Found(tuple(self._hits(page, lang)), len(ranked))

    def _same(self, key: str, sounds: str | None, types: Sequence[str]) -> list[int]:
        """Names with the same sorted words, or (given) the same sorted sounds."""
        sql = "SELECT n.id FROM name n WHERE (n.words = ?" + (" OR n.sounds = ?)" if sounds else ")")
        params: list[object] = [key, sounds] if sounds else [key]
        if types:
            sql += (" AND EXISTS (SELECT 1 FROM entity_type e WHERE e.entity = n.entity AND e.type IN "
                    f"({','.join('?' * len(types))}))")
            params += list(types)
        return [r[0] for r in self._db().execute(sql + " LIMIT ?", [*params, CANDIDATES])]

    def _counts(self, words: Sequence[str]) -> dict[str, int]:
        marks = ",".join("?" * len(words))
        return dict(self._db().execute(f"SELECT word, names FROM vocab WHERE word IN ({marks})", list(words)))

    def _spellings(self, word: str) -> list[str]:
        """``word`` and, if no name has it, the known words spelt most like it."""
        if len(word) < MIN_SKELETON or self._counts([word]):
            return [word]
        known = [r[0] for r in self._db().execute(
            "SELECT v.word FROM vocab_grams g JOIN vocab v ON v.id = g.rowid WHERE vocab_grams MATCH ? "
            "ORDER BY g.rank LIMIT 50", (_any_trigram(word),))]
        alike = process.extract(word, known, scorer=Indel.normalized_similarity, score_cutoff=CORRECTION,
                                limit=CORRECTIONS)
        return [word] + [w for w, _, _ in alike]

    def _candidates(self, table: str, match: str, types: Sequence[str]) -> list[int]:
        """The names of a full-text match, the best ``CANDIDATES`` by BM25."""
        sql = f"SELECT t.rowid FROM {table} t"
        params: list[object] = [match]
        if types:
            marks = ",".join("?" * len(types))
            sql += (f" JOIN name n ON n.id = t.rowid WHERE t.{table} MATCH ? AND EXISTS (SELECT 1 FROM entity_type e "
                    f"WHERE e.entity = n.entity AND e.type IN ({marks}))")
            params += list(types)
        else:
            sql += f" WHERE t.{table} MATCH ?"
        sql += " ORDER BY t.rank LIMIT ?"
        return [r[0] for r in self._db().execute(sql, [*params, CANDIDATES])]

    def _ranked(self, text: str, name_ids: list[int], lang: str) -> list[tuple[float, int, str, str, str]]:
        """(score, entity, reason, matched name, its language) of each candidate entity, best first;
        of an entity's names that match alike, a label before an alternative label, and one in
        ``lang`` before the others."""
        best: dict[int, tuple[float, int, str, str, str, int]] = {}
        keys: dict[int, tuple[float, int, bool]] = {}
        name_ids = list(dict.fromkeys(name_ids))
        marks = ",".join("?" * len(name_ids))
        rows = self._db().execute(f"SELECT entity, text, plain, lang, alternative FROM name "
                                  f"WHERE id IN ({marks})", name_ids).fetchall()
        query = Likeness(text)
        for entity, name, name_plain, name_lang, alternative in rows:
            score, reason = query.partial(name, name_plain)
            key = (score, -alternative, name_lang.split("-")[0] == lang)
            if entity not in best or key > keys[entity]:
                best[entity], keys[entity] = (score, entity, reason, name, name_lang, alternative), key
        order = sorted(best.values(), key=lambda b: (-b[0], b[5], len(b[3]), b[3], b[1]))
        return [b[:5] for b in order]

    def _hits(self, page: list[tuple[float, int, str, str, str]], lang: str) -> list[Hit]:
        db, hits = self._db(), []
        for score, entity, reason, matched, matched_lang in page:
            iri, shown = db.execute("SELECT iri, type FROM entity WHERE id = ?", (entity,)).fetchone()
            types = tuple(t for (t,) in db.execute("SELECT type FROM entity_type WHERE entity = ?", (entity,)))
            labels = db.execute("SELECT text, lang, alternative FROM name WHERE entity = ?", (entity,)).fetchall()
            hits.append(Hit(iri, shown, tuple(sorted(types, key=lambda t: t != shown)), best_label(labels, lang),
                            matched, matched_lang, score, reason))
        return hits

    def names_of(self, iri: str) -> list[tuple[str, str, int]]:
        """(text, language, alternative) of every name of an entity ([] if it is not in the index)."""
        return [(r[0], r[1], r[2]) for r in self._db().execute(
            "SELECT n.text, n.lang, n.alternative FROM name n JOIN entity e ON e.id = n.entity WHERE e.iri = ? "
            "ORDER BY n.alternative, n.lang, n.text", (iri,))]

    def entity(self, iri: str, lang: str = "en") -> Hit | None:
        """An entity of the index by its IRI (score 1), or None."""
        row = self._db().execute("SELECT id FROM entity WHERE iri = ?", (iri,)).fetchone()
        if row is None:
            return None
        hit = self._hits([(1.0, row[0], "identifier", "", "")], lang)[0]
        return Hit(hit.iri, hit.type, hit.types, hit.label, hit.label, lang, 1.0, "identifier")


def best_label(labels: Iterable[tuple[str, str, int]], lang: str) -> str:
    """The label in ``lang``, else in English, else any label, else an alternative label."""
    def rank(label: tuple[str, str, int]) -> tuple[int, int, int, str]:
        text, tag, alternative = label
        return alternative, tag.split("-")[0] != lang, tag.split("-")[0] != "en", text
    return min(labels, key=rank, default=("", "", 0))[0]
