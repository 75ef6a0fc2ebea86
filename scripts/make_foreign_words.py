"""Write the list of common French and German words that English text quotes.

reader.text.spelling must not "correct" a quoted "votre" or "soll" into English.
Asking wordfreq at run time would load two more word lists (0.3 s, 100 MB), so
the few thousand words that matter (common abroad, unknown or rare in English)
are extracted once and shipped.  Derived from wordfreq's data (CC BY-SA 4.0).

    python scripts/make_foreign_words.py [reader/text/models/foreign_words.txt]
"""

from __future__ import annotations

import sys
from pathlib import Path

from wordfreq import get_frequency_dict

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from reader.text import spelling  # noqa: E402
from reader.text.tag_features import general_frequency  # noqa: E402

OUT = REPO / "reader" / "text" / "models" / "foreign_words.txt"


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    words: set[str] = set()
    for lang in spelling.FOREIGN_LANGS:
        for word, freq in get_frequency_dict(lang).items():
            if (
                freq >= spelling.FOREIGN
                and len(word) >= spelling.MIN_LENGTH
                and word.isascii()
                and word.isalpha()
                and general_frequency(word) < spelling.RARE_FORM
                and not spelling.real_word(word)
            ):
                words.add(word)
    header = "# Common French and German words, rare in English (scripts/make_foreign_words.py)\n"
    out.write_text(header + "".join(w + "\n" for w in sorted(words)), encoding="utf-8")
    print(f"wrote {len(words)} words to {out}")


if __name__ == "__main__":
    main()
