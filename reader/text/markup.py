"""Markdown, HTML and EPUB to plain text.

The reader shows sentences, not layout, so markup only matters for where paragraphs and headings
end: block elements become blank-line paragraph breaks, which the segmenter treats as hard
sentence boundaries.
"""

from __future__ import annotations

import lzma
import re
import zipfile
import zlib
from html.parser import HTMLParser

BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
    "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p",
    "pre", "section", "table", "td", "th", "tr", "ul", "title",
}  # fmt: skip
SKIP_TAGS = {"script", "style", "head", "noscript", "template", "svg", "math"}


CHAPTER_MARK = "\ue000"
"""Starts a paragraph that is a chapter's title, not text (a private-use character: never in a
learner's text, and removed from input before loaders add their own). See reader.text.load."""


class MarkupError(Exception):
    """A document is too broken to read; the message is one line."""


# What a damaged or hostile ZIP makes zipfile raise besides BadZipFile (found by fuzzing:
# tests/test_fuzz.py): unknown versions and methods, truncated members, bad compressed data,
# encrypted members.
_ZIP_ERRORS = (
    zipfile.BadZipFile, NotImplementedError, EOFError, zlib.error, lzma.LZMAError, RuntimeError,
    ValueError, OSError,
)  # fmt: skip
MAX_EPUB_TEXT = 256 * 1024 * 1024  # uncompressed: a "zip bomb" is refused, not unpacked


class _TextExtractor(HTMLParser):
    """Block elements to paragraphs; ``anchors`` (element id -> chapter title) put a chapter
    mark where the element with that id starts (an EPUB's navigation points at them)."""

    def __init__(self, anchors: dict[str, str] | None = None) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0
        self.title = ""
        self._in_title = False
        self.anchors = anchors or {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.anchors:
            ident = dict(attrs).get("id")
            if ident and ident in self.anchors:
                self.parts.append(f"\n\n{CHAPTER_MARK}{self.anchors.pop(ident)}\n\n")
        if tag in SKIP_TAGS:
            self.skip_depth += 1
        if tag == "title":
            self._in_title = True
        if tag in BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP_TAGS and self.skip_depth:
            self.skip_depth -= 1
        if tag == "title":
            self._in_title = False
        if tag in BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
            return
        if not self.skip_depth:
            self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(markup: str) -> str:
    return _extract(markup)[1]


def html_document(markup: str) -> tuple[str, str]:
    """(title, text) of an HTML page."""
    return _extract(markup)


def _extract(markup: str, anchors: dict[str, str] | None = None) -> tuple[str, str]:
    parser = _TextExtractor(anchors)
    try:
        parser.feed(markup)
        parser.close()
    except (AssertionError, ValueError) as exc:  # html.parser's own failures on garbage
        raise MarkupError(f"cannot parse the HTML: {exc}") from exc
    text = "".join(parser.parts)
    paragraphs = [re.sub(r"[ \t]+", " ", p).strip() for p in re.split(r"\n\s*\n", text)]
    return parser.title.strip(), "\n\n".join(p for p in paragraphs if p)
