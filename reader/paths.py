"""Where the learner's data lives.

Every location is overridable by an environment variable (or the CLI's ``--home``), so tests and
scripts can run against a temporary home without touching the learner's real data.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "sentences"
HOME_ENV = "SENTENCES_HOME"
AUDIO_ENV = "SENTENCES_AUDIO_DIR"
WORDNET_ENV = "SENTENCES_WORDNET_DIR"

REPO_ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = REPO_ROOT / "seeds"


def data_home() -> Path:
    """The data home: ``$SENTENCES_HOME`` if set, else the platform's user data directory."""
    override = os.environ.get(HOME_ENV)
    home = Path(override).expanduser() if override else Path(platformdirs.user_data_dir(APP_NAME))
    home.mkdir(parents=True, exist_ok=True)
    return home


def db_path() -> Path:
    return data_home() / "reader.db"


def audio_dir(source: str | Path | None = None) -> Path:
    """Synthesized audio, content-addressed.

    Audio for a text imported from the checkout's ``seeds/`` goes to the repository's own
    ``audio/`` folder (git-ignored), so the sample articles' audio sits beside them; everything
    else goes under the data home.
    """
    override = os.environ.get(AUDIO_ENV)
    if override:
        path = Path(override).expanduser()
    elif source is not None and _is_seed(Path(source)) and (REPO_ROOT / "audio").is_dir():
        path = REPO_ROOT / "audio"
    else:
        path = data_home() / "audio"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _is_seed(source: Path) -> bool:
    try:
        return source.resolve().is_relative_to(SEEDS_DIR)
    except OSError:
        return False


def config_path() -> Path:
    return data_home() / "config.toml"


def wordnet_dirs() -> list[Path]:
    """Candidate WordNet database directories, most specific first."""
    found: list[Path] = []
    override = os.environ.get(WORDNET_ENV)
    if override:
        found.append(Path(override).expanduser())
    nltk_roots = [Path(p) for p in os.environ.get("NLTK_DATA", "").split(os.pathsep) if p]
    nltk_roots += [
        Path.home() / "nltk_data",
        Path("/usr/share/nltk_data"),
        Path("/usr/local/share/nltk_data"),
        Path("/usr/lib/nltk_data"),
        Path("/usr/local/lib/nltk_data"),
    ]
    for root in nltk_roots:
        found.append(root / "corpora" / "wordnet")
    found += [Path("/usr/share/wordnet"), Path("/usr/local/share/wordnet")]
    return found
