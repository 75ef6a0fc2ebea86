"""Skips that turn into failures in CI.

A test that needs a system program (espeak-ng), a system dictionary or the big corpora in
``../shared`` skips on a clone without them, but CI sets ``SENTENCES_REQUIRE_SYSTEM_DATA`` so a
missing one fails loudly instead of passing as a quiet skip.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REQUIRE_ENV = "SENTENCES_REQUIRE_SYSTEM_DATA"


def require_program(name: str) -> str:
    path = shutil.which(name)
    if path is not None:
        return path
    message = f"{name} is not installed"
    if os.environ.get(REQUIRE_ENV):
        pytest.fail(f"{message}, and ${REQUIRE_ENV} says it must be", pytrace=False)
    pytest.skip(message)


def require_wordnet() -> Path:
    """The system's full WordNet (Debian's wordnet-base, or NLTK's data), or skip/fail."""
    from reader.lexicon.wordnet import WORDNET_MISSING, find_wordnet

    directory = find_wordnet()
    if directory is not None:
        return directory
    if os.environ.get(REQUIRE_ENV):
        pytest.fail(f"{WORDNET_MISSING}, and ${REQUIRE_ENV} says it must be", pytrace=False)
    pytest.skip("no system WordNet")


def require_shared(relative: str) -> Path:
    """A file of the shared data beside the checkout (``../shared/<relative>``): the whole
    books and corpora, too big for the repository."""
    from _paths import SHARED

    path = SHARED / relative
    if path.exists():
        return path
    message = f"../shared/{relative} is missing (the shared data is not beside this checkout)"
    if os.environ.get(REQUIRE_ENV):
        pytest.fail(f"{message}, and ${REQUIRE_ENV} says it must be there", pytrace=False)
    pytest.skip(message)


def require_file(path: str, package: str) -> str:
    """A file a Debian package installs (a dictionary): skip without it, fail in CI."""
    if os.path.exists(path):
        return path
    message = f"{path} is missing (Debian package {package})"
    if os.environ.get(REQUIRE_ENV):
        pytest.fail(f"{message}, and ${REQUIRE_ENV} says it must be there", pytrace=False)
    pytest.skip(message)


def require_corpus(name: str) -> Path:
    """A book from ``../shared/corpus`` (War and Peace...): skip without it, fail in CI."""
    return require_shared(f"corpus/{name}")
