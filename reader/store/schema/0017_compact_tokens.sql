-- Tokens kept compactly (see reader/store/tokens.py): War and Peace took 18.6 times its own
-- size on disk, three quarters of it one row per token and that table's three indexes.
-- The token rows are converted sentence by sentence by the Python step below, then dropped.
CREATE TABLE lemmas (
    id INTEGER PRIMARY KEY,
    lemma TEXT NOT NULL UNIQUE,       -- as the tagger gave it ("Pierre", "go", ",")
    key TEXT NOT NULL                 -- the term key a word with this lemma counts towards
);
CREATE INDEX lemmas_key ON lemmas(key);

-- One row per sentence: its tokens as varints (gap, length, lemma id, UPOS*2 + is_word).
CREATE TABLE sentence_tokens (
    sentence_id INTEGER PRIMARY KEY REFERENCES sentences(id) ON DELETE CASCADE,
    data BLOB NOT NULL
);

-- Which sentences of a text hold a lemma as a word: the occurrence index (posting lists).
CREATE TABLE occurrences (
    text_id INTEGER NOT NULL REFERENCES texts(id) ON DELETE CASCADE,
    lemma_id INTEGER NOT NULL REFERENCES lemmas(id),
    words INTEGER NOT NULL,           -- running words it stands for, names (PROPN) left out
    sentences BLOB NOT NULL,          -- sentence indexes (sentences.idx), delta varints
    PRIMARY KEY (text_id, lemma_id)
) WITHOUT ROWID;
CREATE INDEX occurrences_lemma ON occurrences(lemma_id);

-- python: reader.store.token_migration:convert

DROP TABLE tokens;
