"""Counts in words: "1 sense", "2 senses", "1 entry", "3 entries".

Every message that prints a count goes through :func:`counted`, so no screen or command says
"1 more senses" or "1 entries".
"""

from __future__ import annotations

_IRREGULAR = {"entry": "entries", "this": "these", "was": "were", "is": "are", "has": "have"}


def plural(singular: str) -> str:
    """The plural of the few nouns the program counts (regular -s, -y to -ies, a few listed)."""
    if singular in _IRREGULAR:
        return _IRREGULAR[singular]
    if singular.endswith("y") and singular[-2:-1] not in ("a", "e", "o", "u"):
        return singular[:-1] + "ies"
    if singular.endswith(("s", "x", "ch", "sh")):
        return singular + "es"
    return singular + "s"


def counted(count: int, singular: str, plural_form: str | None = None, sep: str = " ") -> str:
    """``count`` and the noun in the number it needs, with thousands separated: "1,204 senses".

    Args:
        count: how many.
        singular: the noun's singular ("sense", "more sense": only the last word is inflected).
        plural_form: the plural when it is not regular.
        sep: between the number and the noun.
    """
    if count == 1:
        noun = singular
    elif plural_form is not None:
        noun = plural_form
    else:
        head, space, last = singular.rpartition(" ")
        noun = head + space + plural(last)
    return f"{count:,}{sep}{noun}"
