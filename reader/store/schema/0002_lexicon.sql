-- Gloss sources: WordNet compiled once, and the learner's imported dictionaries.
CREATE TABLE lex_sources (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,               -- wordnet, tsv, csv, stardict, freedict
    lang TEXT NOT NULL DEFAULT 'en',
    enabled INTEGER NOT NULL DEFAULT 1,
    priority INTEGER NOT NULL DEFAULT 100,  -- lower shows first
    entry_count INTEGER NOT NULL DEFAULT 0,
    origin TEXT,                      -- where it was read from
    imported_at TEXT NOT NULL
);

CREATE TABLE lex_entries (
    id INTEGER PRIMARY KEY,
    source_id INTEGER NOT NULL REFERENCES lex_sources(id) ON DELETE CASCADE,
    headword TEXT NOT NULL,           -- lowercased lemma or phrase ("take over")
    pos TEXT,                         -- UPOS where the source says (NOUN, VERB, ADJ, ADV)
    rank INTEGER NOT NULL DEFAULT 0,  -- sense order within the headword, most frequent first
    gloss TEXT NOT NULL,
    example TEXT,
    synonyms TEXT
);
CREATE INDEX lex_entries_headword ON lex_entries(headword, source_id, pos, rank);
CREATE INDEX lex_entries_source ON lex_entries(source_id);
