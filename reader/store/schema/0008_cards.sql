-- Review cards, scheduled by FSRS (the fsrs package). A term in learning (status 1-4) has
-- recognition, production and cloze cards; a sentence marked 'not' or 'partly' understood has a
-- listening card. What a card shows is copied in, so removing its text never breaks it. guid is
-- the card's identity, made from its content (reader.learn.identity) and shared with exports.
CREATE TABLE cards (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    guid TEXT NOT NULL UNIQUE,
    lang TEXT NOT NULL DEFAULT 'en',
    drill TEXT NOT NULL CHECK (drill IN ('recognition', 'production', 'cloze', 'listening')),
    term_key TEXT,                    -- terms.key for a term card; NULL for a sentence card
    sentence TEXT NOT NULL,           -- the sentence it was met in, copied
    term_start INTEGER,               -- the term's span in `sentence` (characters; a split
    term_end INTEGER,                 --   phrasal verb spans its gap); NULL for a sentence card
    meaning TEXT,                     -- the learner's chosen sense or own gloss, else the first
    meaning_sense TEXT,               -- WordNet 3.0 sense key of `meaning`, when it is one
    text_title TEXT,                  -- copied from texts.title
    text_sha256 TEXT,                 -- texts.sha256 and the sentence's offsets in that text:
    sentence_start INTEGER,           --   a sentence card's identity, and the way back to the
    sentence_end INTEGER,             --   text (and its audio) while it is in the library
    suspended INTEGER NOT NULL DEFAULT 0,  -- 1 while the term is known or ignored
    state INTEGER NOT NULL DEFAULT 1, -- fsrs.State: 1 learning, 2 review, 3 relearning
    step INTEGER DEFAULT 0,           -- fsrs learning step
    stability REAL,
    difficulty REAL,
    due TEXT NOT NULL,                -- ISO 8601, UTC
    last_review TEXT,                 -- NULL: never reviewed (counts towards new cards per day)
    reps INTEGER NOT NULL DEFAULT 0,
    lapses INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
-- The review queue: studied cards (reps > 0) most overdue first, and new cards in order made.
CREATE INDEX cards_queue ON cards(suspended, reps > 0, due);
CREATE INDEX cards_term ON cards(lang, term_key);

-- Every answer, with the fields FSRS's optimizer reads, so parameters can be fitted later.
CREATE TABLE review_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    card_id INTEGER NOT NULL REFERENCES cards(id) ON DELETE CASCADE,
    rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),  -- fsrs.Rating: 1 Again .. 4 Easy
    reviewed_at TEXT NOT NULL,        -- ISO 8601, UTC
    duration_ms INTEGER,              -- time taken to answer
    drill TEXT NOT NULL,
    answer TEXT,                      -- what was typed, in a typed drill
    state_before INTEGER,
    step_before INTEGER,
    stability_before REAL,
    difficulty_before REAL,
    due_before TEXT,
    last_review_before TEXT,
    state_after INTEGER NOT NULL,
    step_after INTEGER,
    stability_after REAL,
    difficulty_after REAL,
    due_after TEXT NOT NULL
);
CREATE INDEX review_log_card ON review_log(card_id, reviewed_at);
CREATE INDEX review_log_at ON review_log(reviewed_at);

-- Where a status change came from: 'reading', 'review', 'cli', 'import' (NULL before this).
ALTER TABLE term_history ADD COLUMN source TEXT;
