"""Web-page furniture that comes along when a learner saves an article as plain text.

A page copied from a news site brings its title a second time (the browser's title, then the
page's heading), the site's buttons next to the heading ("Sentences Mode", "Print Mode") and, at
the end, its comment box ("Comments", then "You must be logged in to add a comment."). None of
it is text to read, and each line would be a sentence to step through.

Dropped by rule, not by a list of one site's lines, and conservatively, since a poem or a
dialogue may well start or end on a short line:

* a line that repeats the title (the first line) exactly goes;
* a *label* (a line of at most four words with no sentence punctuation, no digit and no
  address: "Sentences Mode", "Share", "Comments") goes when it stands next to the title's
  repeat, the signature of a saved page, and a menu ("Home | World | Business") goes there too;
* at the very end, the site asking the reader to log in, sign in, sign up or subscribe to
  comment, react or read on goes (a short line, the text's last);
* at the very end, a label standing alone after the body's last line (not after another label:
  a short poem is all short lines) and heading at most three short lines (twelve words or
  fewer) ends the text: it and what follows are the comment box or a "Related" list; on a
  saved page (its title repeated), a longer list of headlines after such a label goes too, and
  so does a label standing alone more than once ("Advertisement" between paragraphs).

Lines are removed with their line break, so the text keeps its paragraphs.
"""

from __future__ import annotations

import re

MAX_LABEL_WORDS = 4
MAX_TAIL_LINES = 3
MAX_TAIL_WORDS = 12
MAX_TAIL_LIST = 20
_SENTENCE_END = re.compile(r"[.!?…:;,\"”’»)]\s*$")
# "You must be logged in to post a comment.", "Sign in to leave a reaction", "Subscribe to read
# more": the site asking the reader to act, not the article speaking.
_ACCOUNT_PROMPT = re.compile(
    r"^\W*(?:you (?:must|need to|have to|should) (?:be )?|please |to )?"
    r"(?:log(?:ged)?[ -]?in|sign(?:ed)?[ -]?(?:in|up)|register|subscribe|create an account)\b"
    r".{0,40}\b(?:comment|repl(?:y|ies)|react(?:ion)?s?|post|vote|like|discussion|conversation|"
    r"join|read (?:more|on)|continue)",
    re.I,
)
_MENU = re.compile(r"^\s*[^|·•]{1,30}(?:\s[|·•]\s[^|·•]{1,30}){2,}\s*$")


def is_label(line: str) -> bool:
    """A short line that is a control or a heading, not a sentence: no sentence punctuation,
    no digits, no address, a few words."""
    text = line.strip()
    if not text or _SENTENCE_END.search(text) or re.search(r"\d|://|@|www\.", text):
        return False
    words = text.split()
    return len(words) <= MAX_LABEL_WORDS and any(c.isalpha() for c in text)


def drop_furniture(text: str, title: str) -> str:
    """``text`` without the title's repeats and the page furniture described above."""
    lines = text.split("\n")
    first = _norm(lines[0]) if lines else ""
    saved_page = bool(first) and first == _norm(title) and first in map(_norm, lines[1:])
    keep = [True] * len(lines)
    if saved_page:
        for i, line in enumerate(lines):
            if i and _norm(line) == first:
                keep[i] = False
                _drop_labels_around(lines, keep, i)
        _drop_repeated_labels(lines, keep)
    _drop_tail(lines, keep, saved_page)
    kept = [line for line, k in zip(lines, keep, strict=True) if k]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip("\n ") + "\n"


def _drop_labels_around(lines: list[str], keep: list[bool], at: int) -> None:
    """The labels and menus right after (and right before) the title's repeat, up to the first
    line that is neither; blank lines between them do not stop the run."""
    for step in (1, -1):
        i = at + step
        while 0 < i < len(lines):
            line = lines[i]
            if not line.strip():
                i += step
                continue
            if not (is_label(line) or _MENU.match(line)):
                break
            keep[i] = False
            i += step


def _drop_repeated_labels(lines: list[str], keep: list[bool]) -> None:
    """On a saved page, a label standing alone more than once ("Advertisement" between the
    paragraphs) is the page's, not the article's."""
    alone = [
        i
        for i, line in enumerate(lines)
        if i and keep[i] and is_label(line) and _stands_alone(lines, i)
    ]
    counts: dict[str, int] = {}
    for i in alone:
        counts[_norm(lines[i])] = counts.get(_norm(lines[i]), 0) + 1
    for i in alone:
        if counts[_norm(lines[i])] > 1:
            keep[i] = False


def _drop_tail(lines: list[str], keep: list[bool], saved_page: bool) -> None:
    """A label heading a few short lines at the very end (a comment box, "Related"), with
    what follows it; repeated while the end still looks like one.

    What may follow the label: at most three short lines; on a saved page, also any number
    (up to :data:`MAX_TAIL_LIST`) of short lines that are not sentences, a list of headlines.
    """
    while True:
        shown = [i for i, k in enumerate(keep) if k and lines[i].strip()]
        last = shown[-1] if len(shown) > 1 else None
        if (
            last is not None
            and len(lines[last].split()) <= MAX_TAIL_WORDS + 3
            and _ACCOUNT_PROMPT.search(lines[last])
        ):
            keep[last] = False
            continue
        tail_start = max(1, len(shown) - MAX_TAIL_LIST - 1)
        cut = None
        for position in range(tail_start, len(shown)):
            i = shown[position]
            after = shown[position + 1 :]
            if not (is_label(lines[i]) and _stands_alone(lines, i)):
                continue
            if is_label(lines[shown[position - 1]]):  # after more labels: a poem's short lines
                continue
            if any(len(lines[j].split()) > MAX_TAIL_WORDS for j in after):
                continue
            sentences = sum(1 for j in after if _SENTENCE_END.search(lines[j]))
            if len(after) <= MAX_TAIL_LINES or (saved_page and sentences <= MAX_TAIL_LINES):
                cut = i
                break
        if cut is None:
            return
        for i in shown:
            if i >= cut:
                keep[i] = False


def _stands_alone(lines: list[str], i: int) -> bool:
    """A line with blank lines (or the text's edge) around it: a heading, not a line of verse."""
    before = i == 0 or not lines[i - 1].strip()
    after = i + 1 >= len(lines) or not lines[i + 1].strip()
    return before and after


def _norm(line: str) -> str:
    """Spaces made single; case kept: a poem's first line that echoes its title in other
    letters ("The Old Pond", "the old pond") is verse, a saved page repeats its title exactly."""
    return " ".join(line.split())
