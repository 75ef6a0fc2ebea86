-- An index on every foreign-key child column that had none. Deleting a parent row makes SQLite
-- find its children (to cascade, or to set them to NULL) by this column: without an index, each
-- deleted sentence scanned the whole event log, and removing a book after months of reading took
-- minutes, holding the write lock all along. tests/test_migrations.py checks that every
-- REFERENCES column in the schema, including later migrations', has such an index.
-- The event log's indexes leave out NULL (events of removed texts): nothing looks those up, and
-- setting a reference to NULL then only removes an index entry.
CREATE INDEX IF NOT EXISTS events_text ON events(text_id) WHERE text_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS events_sentence ON events(sentence_id) WHERE sentence_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS tokens_text ON tokens(text_id);
