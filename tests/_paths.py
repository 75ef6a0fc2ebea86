"""Paths the tests share."""

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "arirang_weekly_focus_2025-09-06.txt"
MINI_WORDNET = Path(__file__).resolve().parent / "data" / "mini_wordnet"
