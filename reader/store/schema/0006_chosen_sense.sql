-- The sense the learner chose as their meaning of a term (key c in the reading screen). A term's
-- meaning is either the learner's own words (terms.gloss) or one chosen sense, never both:
-- choosing a sense clears terms.gloss, and writing a gloss clears the choice.
ALTER TABLE terms ADD COLUMN sense_key TEXT;     -- WordNet 3.0 sense key, when WordNet's sense
ALTER TABLE terms ADD COLUMN sense_gloss TEXT;   -- the sense's text as it was shown when chosen
ALTER TABLE terms ADD COLUMN sense_source TEXT;  -- where it came from: wordnet, a dictionary's name, word parts
