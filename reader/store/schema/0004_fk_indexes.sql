-- An index on every foreign-key child column that had none. Deleting a parent row makes SQLite
-- find its children (to cascade, or to set them to NULL) by this column: without an index, each
-- deleted sentence scanned the whole event log, and removing a book after months of reading took
-- minutes, holding the write lock all along. tests/test_schema_indexes.py checks that every
-- REFERENCES column in the schema, including later migrations', has such an index.
CREATE INDEX IF NOT EXISTS events_text ON events(text_id);
CREATE INDEX IF NOT EXISTS events_sentence ON events(sentence_id);
CREATE INDEX IF NOT EXISTS tokens_text ON tokens(text_id);
