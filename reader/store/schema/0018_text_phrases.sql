-- A text's multi-word terms (collocations, phrasal verbs, idioms, the learner's own), counted as
-- the reader matches them, for its study list. Derived data: counted when a study list first
-- needs it and again whenever the set of phrases changed (``phrase_counts.phrase_set``), so a
-- dictionary imported later counts in texts imported before. Existing texts are counted then too.
CREATE TABLE phrase_counts (
    text_id INTEGER PRIMARY KEY REFERENCES texts(id) ON DELETE CASCADE,
    phrase_set TEXT NOT NULL          -- which phrases were looked for (see reader.learn.study_phrases)
);
CREATE TABLE text_phrases (
    text_id INTEGER NOT NULL REFERENCES texts(id) ON DELETE CASCADE,
    key TEXT NOT NULL,                -- the phrase's term key ("take over")
    count INTEGER NOT NULL,           -- times it is met in the text
    first_idx INTEGER NOT NULL,       -- the sentence it is first met in
    PRIMARY KEY (text_id, key)
) WITHOUT ROWID;
