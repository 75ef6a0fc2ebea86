"""Web-page furniture that comes along when a learner saves an article as plain text.

A page copied from a news site brings its title a second time (the browser's title, then the
page's heading), the site's own buttons ("Sentences Mode") and the comment box's leftovers
("Comments", "You must be logged in to add a comment."). None of it is text to read, and each
line would be a sentence to step through, with words to gloss. Only whole lines are dropped, and
only those that are exactly such furniture, so a sentence that mentions comments stays.
"""

from __future__ import annotations

import re

#: Lines that are a site's controls wherever they stand (compared lowercased, trimmed).
CONTROLS = frozenset(
    {
        "sentences mode",
        "you must be logged in to add a comment.",
        "you must be logged in to post a comment.",
        "log in to leave a comment",
    }
)
#: Headings of a comment section: furniture only after the article's last sentence, where
#: nothing but other furniture follows them.
TAIL_HEADINGS = frozenset({"comments", "leave a comment", "leave a reply", "0 comments"})


def drop_furniture(text: str, title: str) -> str:
    """``text`` without the title's repeats and the page furniture lines described above.

    The first line stays when it is the title (it heads the text); later lines equal to it go.
    Lines are removed with their line break, so the text keeps its paragraphs.
    """
    lines = text.split("\n")
    first = _norm(lines[0]) if lines else ""
    repeats_title = first == _norm(title)
    keep = [True] * len(lines)
    for i, line in enumerate(lines):
        norm = _norm(line)
        if norm in CONTROLS or (i > 0 and norm and repeats_title and norm == first):
            keep[i] = False
    for i in range(len(lines) - 1, -1, -1):  # the comment section's heading, at the very end
        norm = _norm(lines[i])
        if not norm or not keep[i]:
            continue
        if norm not in TAIL_HEADINGS:
            break
        keep[i] = False
    kept = [line for line, k in zip(lines, keep, strict=True) if k]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip("\n ") + "\n"


def _norm(line: str) -> str:
    return " ".join(line.split()).lower()
