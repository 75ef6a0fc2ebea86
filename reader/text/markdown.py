"""Markdown to plain text through a real parser (markdown-it-py, MIT, which Textual brings).

Regular expressions got Markdown wrong in ways a learner sees: a table's rows ("| a | b |")
became sentences, a heading ran into the sentence after it. Parsed, each block is what it is:
headings, paragraphs, list items and quotes become paragraphs of their own (so a heading or a
fragment in a list is never glued to the next sentence); tables and code are not prose and are
left out; emphasis, links and inline code keep only their words; images (an alt text is not
the author's prose) and raw inline HTML go.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from reader.text.markup import html_to_text

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

_SKIPPED_BLOCKS = {"table_open": "table_close"}


@cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_FRONT_TITLE = re.compile(r"^title:[ \t]*(.+?)[ \t]*$", re.M)


def markdown_to_text(source: str) -> str:
    """Blocks as paragraphs separated by blank lines; see the module's docstring. A blog
    post's YAML front matter ("---", "title: ...", "---") is not text; its title heads it."""
    paragraphs: list[str] = []
    front = _FRONT_MATTER.match(source)
    if front:
        source = source[front.end() :]
        title = _FRONT_TITLE.search(front.group(1))
        if title and not source.lstrip().startswith("#"):
            paragraphs.append(title.group(1).strip().strip("\"'"))
    skipping: str | None = None
    for token in _parser().parse(source):
        if skipping:
            if token.type == skipping:
                skipping = None
            continue
        if token.type in _SKIPPED_BLOCKS:
            skipping = _SKIPPED_BLOCKS[token.type]
        elif token.type == "inline":
            words = _inline_text(token.children or [])
            if words.strip():
                paragraphs.append(words.strip())
        elif token.type == "html_block":
            words = html_to_text(token.content)
            if words.strip():
                paragraphs.append(words.strip())
    return "\n\n".join(paragraphs) + "\n" if paragraphs else ""


def _inline_text(children: list[Token]) -> str:
    out: list[str] = []
    for child in children:
        if child.type in {"text", "code_inline"}:
            out.append(child.content)
        elif child.type in {"softbreak", "hardbreak"}:
            out.append("\n")
    return "".join(out)
