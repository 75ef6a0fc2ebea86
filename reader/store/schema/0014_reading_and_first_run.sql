-- Sentences the learner actually read: shown long enough to read, or passed with the next-sentence
-- key. A text's progress is how many of its sentences are here, apart from where the learner is
-- (positions), so peeking at the end of a book does not make it "read".
CREATE TABLE sentences_read (
    sentence_id INTEGER PRIMARY KEY REFERENCES sentences(id) ON DELETE CASCADE,
    text_id INTEGER NOT NULL REFERENCES texts(id) ON DELETE CASCADE,
    at TEXT NOT NULL                  -- when it was first read
);
CREATE INDEX sentences_read_text ON sentences_read(text_id);

-- The questions a new learner is asked once, on the first run of the reader, and the answers.
CREATE TABLE first_run (
    question TEXT PRIMARY KEY,        -- 'head_start': mark the N most frequent words known?
    answer TEXT NOT NULL,             -- e.g. '3000', or 'no'
    at TEXT NOT NULL
);
