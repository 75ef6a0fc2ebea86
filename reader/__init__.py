"""Sentences: a terminal reader for language learners."""

__version__ = "0.1.0"
