"""Paths the tests share."""

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "arirang_weekly_focus_2025-09-06.txt"
BOOK = Path(__file__).resolve().parent / "data" / "sherlock_holmes_i_iii.txt"  # kept in the repo
SHARED = REPO.parent / "shared"  # the big corpora beside the checkout, where there are any
MINI_WORDNET = Path(__file__).resolve().parent / "data" / "mini_wordnet"
