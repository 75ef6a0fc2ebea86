-- WordNet senses keep their sense key and what says a sense cannot fit a sentence: a proper-name
-- or instance sense never glosses a common word, a topic-domain sense needs its domain's context.
-- A WordNet compiled before this has no keys: reader.lexicon.wordnet.is_compiled says so, and the
-- first-run worker compiles it again (the old entries keep working until then).
ALTER TABLE lex_entries ADD COLUMN sense_key TEXT;
ALTER TABLE lex_entries ADD COLUMN proper INTEGER NOT NULL DEFAULT 0;
ALTER TABLE lex_entries ADD COLUMN domain TEXT;
CREATE INDEX lex_entries_sense_key ON lex_entries(sense_key) WHERE sense_key IS NOT NULL;
CREATE INDEX lex_entries_domain ON lex_entries(domain) WHERE domain IS NOT NULL;
