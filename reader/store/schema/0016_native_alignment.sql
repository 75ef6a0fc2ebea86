-- Glosses in the learner's own language that follow the sentence (issue 19).

-- A bilingual dictionary's translation group carries the WordNet sense it translates in
-- `sense_key` (as WordNet's own rows do), aligned at import; `align_score` is how sure the
-- alignment was (0..1; NULL for rows that were not aligned, and for WordNet's own).
ALTER TABLE lex_entries ADD COLUMN align_score REAL;
-- 1: a multi-word headword that is just the sum of its words ("we have: wir haben"); it is
-- glossed when looked up, but not matched in sentences as a term.
ALTER TABLE lex_entries ADD COLUMN literal INTEGER NOT NULL DEFAULT 0;

-- A learner's own gloss and chosen sense belong to the term AND the part of speech they were
-- made for: the verb's gloss of "leverage" survives choosing a sense of the noun. NULL: made
-- before this (or with no part of speech known), and good for every part of speech.
ALTER TABLE terms ADD COLUMN gloss_pos TEXT;
ALTER TABLE terms ADD COLUMN sense_pos TEXT;
