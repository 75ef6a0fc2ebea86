-- Chapters and subtitle times. A book's chapters (EPUB navigation, Gutenberg "CHAPTER I" headings,
-- Markdown headings) are kept beside its sentences, not as sentences, so the reader can jump by
-- chapter and show progress per chapter: each chapter starts at a sentence (first_sentence is
-- sentences.idx) and runs to the next chapter's first sentence.
CREATE TABLE chapters (
    text_id INTEGER NOT NULL REFERENCES texts(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,             -- 0-based place of the chapter in the text
    title TEXT NOT NULL,
    first_sentence INTEGER NOT NULL,  -- sentences.idx where the chapter starts
    PRIMARY KEY (text_id, idx)
) WITHOUT ROWID;

-- A sentence from subtitles keeps when it is said (milliseconds from the start of the video),
-- so audio of the original can be aligned later; NULL for every other source.
ALTER TABLE sentences ADD COLUMN start_ms INTEGER;
ALTER TABLE sentences ADD COLUMN end_ms INTEGER;
