-- The learner's own language: bilingual dictionaries, sentence translations, the first-run question.

-- A dictionary's language pair: `lang` (already there) is the language of its headwords, and
-- `target_lang` the language its glosses are written in (ISO 639-1; NULL when not known).
-- A source whose target is the learner's `native_lang` shows its glosses before the others.
ALTER TABLE lex_sources ADD COLUMN target_lang TEXT;
UPDATE lex_sources SET target_lang = 'en' WHERE kind IN ('wordnet', 'idioms');

-- What a dictd entry carries besides its translations, kept apart from the gloss.
ALTER TABLE lex_entries ADD COLUMN pronunciation TEXT;  -- IPA or the source's own notation
ALTER TABLE lex_entries ADD COLUMN see_also TEXT;       -- cross-references, ", "-separated

-- The learner's own translation of a sentence. Keyed by content, like cards: `text_sha256` is
-- texts.sha256 and `start`/`end` the sentence's offsets in that text, so a text removed and
-- imported again finds its translations, and review and export can read them. `lang` is the
-- language the translation is written in (the learner's native_lang when it was written).
CREATE TABLE learner_translations (
    lang TEXT NOT NULL,
    text_sha256 TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    translation TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (lang, text_sha256, start, "end")
);

-- Machine translations, cached so a sentence or word is sent to a service once.
CREATE TABLE translations (
    id INTEGER PRIMARY KEY,
    engine TEXT NOT NULL,             -- google, libretranslate
    source_lang TEXT NOT NULL,
    target_lang TEXT NOT NULL,
    text_sha256 TEXT NOT NULL,        -- SHA-256 of `text` (UTF-8)
    text TEXT NOT NULL,
    translation TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (engine, source_lang, target_lang, text_sha256)
);

-- Questions the reader asks once (the learner's language on first run): asked, and the answer.
CREATE TABLE questions_asked (
    name TEXT PRIMARY KEY,
    answer TEXT,                      -- NULL when skipped
    asked_at TEXT NOT NULL
);
