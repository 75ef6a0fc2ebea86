"""Markdown, HTML and EPUB to plain text.

The reader shows sentences, not layout, so markup only matters for where paragraphs and headings
end: block elements become blank-line paragraph breaks, which the segmenter treats as hard
sentence boundaries.
"""

from __future__ import annotations

import io
import lzma
import posixpath
import re
import zipfile
import zlib
from html.parser import HTMLParser
from xml.etree import ElementTree

BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
    "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p",
    "pre", "section", "table", "td", "th", "tr", "ul", "title",
}  # fmt: skip
SKIP_TAGS = {"script", "style", "head", "noscript", "template", "svg", "math"}


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
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
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


def _extract(markup: str) -> tuple[str, str]:
    parser = _TextExtractor()
    try:
        parser.feed(markup)
        parser.close()
    except (AssertionError, ValueError) as exc:  # html.parser's own failures on garbage
        raise MarkupError(f"cannot parse the HTML: {exc}") from exc
    text = "".join(parser.parts)
    paragraphs = [re.sub(r"[ \t]+", " ", p).strip() for p in re.split(r"\n\s*\n", text)]
    return parser.title.strip(), "\n\n".join(p for p in paragraphs if p)


_CONTAINER_NS = {"c": "urn:oasis:names:tc:opendocument:xmlns:container"}
_OPF_NS = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/"}


def epub_to_text(data: bytes, name: str) -> tuple[str, str]:
    """(title, text) of an EPUB, chapters in spine order."""
    try:
        book = zipfile.ZipFile(io.BytesIO(data))
        if sum(info.file_size for info in book.infolist()) > MAX_EPUB_TEXT:
            raise MarkupError(f"{name} unpacks to more than 256 MB; not read")
        container = ElementTree.fromstring(book.read("META-INF/container.xml"))
        rootfile = container.find(".//c:rootfile", _CONTAINER_NS)
        if rootfile is None or not rootfile.get("full-path"):
            raise MarkupError(f"{name} is a broken EPUB: no package document")
        opf_path = rootfile.get("full-path", "")
        opf = ElementTree.fromstring(book.read(opf_path))
        base = posixpath.dirname(opf_path)
        manifest = {
            item.get("id"): item.get("href", "")
            for item in opf.findall(".//opf:manifest/opf:item", _OPF_NS)
        }
        title_el = opf.find(".//dc:title", _OPF_NS)
        title = (title_el.text or "").strip() if title_el is not None else ""
        chapters: list[str] = []
        for ref in opf.findall(".//opf:spine/opf:itemref", _OPF_NS):
            href = manifest.get(ref.get("idref"))
            if not href:
                continue
            path = posixpath.normpath(posixpath.join(base, href.split("#")[0]))
            raw = book.read(path).decode("utf-8", errors="replace")
            chapters.append(_extract(raw)[1])
    except (KeyError, ElementTree.ParseError, UnicodeDecodeError, *_ZIP_ERRORS) as exc:
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise MarkupError(f"{name} is a broken EPUB: {reason}") from exc
    text = "\n\n".join(c for c in chapters if c.strip())
    if not text.strip():
        raise MarkupError(f"{name} is an EPUB with no readable text")
    return title, text
