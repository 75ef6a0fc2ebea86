"""SQLite storage: one file per data home, WAL mode, numbered migrations."""

from reader.store.db import StoreError, open_db, table, transaction

__all__ = ["StoreError", "open_db", "table", "transaction"]
