"""Reading a learner's file into plain text.

Everything a learner may hand us (plain text in any encoding, Markdown, HTML, EPUB, subtitles,
stdin, a web page by URL: see :mod:`reader.text.web`) becomes one normalized string: LF line ends,
no BOM, paragraphs separated by blank lines. Every offset the reader stores points into that
string, so it is what gets saved with the text.

A book's chapters travel beside the string, not in it: a chapter heading is not a sentence to
step through. Loaders that know their chapters (EPUB navigation, Markdown headings) put a marked
paragraph (:data:`CHAPTER_MARK` + title) where each starts; the marks are taken out last, once
the text will not change again, so their offsets are those of the saved text.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path

from reader.text.article import NoArticle, extract_article
from reader.text.chapters import mark_chapters, strip_illustrations
from reader.text.epub import epub_to_text
from reader.text.furniture import drop_furniture
from reader.text.gutenberg import gutenberg_title, strip_gutenberg
from reader.text.loaded import Chapter, Loaded, Timed
from reader.text.markdown import markdown_to_text
from reader.text.markup import CHAPTER_MARK, MarkupError, html_document
from reader.text.subtitles import subtitles_to_text

__all__ = ["Chapter", "Loaded", "Timed"]  # with the loaders: importable from here as before

FEW_ACCENTS = 100  # non-ASCII bytes below which the encoding detector is not trusted
MAX_BYTES = 64 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".text", ""}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
SUBTITLE_SUFFIXES = {".srt", ".vtt"}
MAX_CHAPTER_TITLE = 120
_MARKED = re.compile(CHAPTER_MARK + r"([^\n]*)\n*")


class LoadError(Exception):
    """The input cannot be read as a text; the message is one line meant for the learner."""


def load_path(path: str | Path, *, whole: bool = False) -> Loaded:
    """Load ``path`` (or ``-`` for stdin) as normalized plain text.

    Args:
        whole: For HTML, keep everything on the page instead of extracting its article.
    """
    if str(path) == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
        return load_bytes(_check_size(data, "stdin"), "stdin", "-", ".txt", fallback="stdin")
    p = Path(path).expanduser()
    if not p.exists():
        raise LoadError(f"no such file: {p}")
    if p.is_dir():
        raise LoadError(f"{p} is a directory, not a text file")
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise LoadError(f"{p} is too large ({size // (1024 * 1024)} MB; the limit is 64 MB)")
        data = p.read_bytes()
    except PermissionError as exc:
        raise LoadError(f"cannot read {p}: permission denied") from exc
    except OSError as exc:
        raise LoadError(f"cannot read {p}: {exc.strerror or exc}") from exc
    return load_bytes(
        data, p.name, str(p.resolve()), p.suffix.lower(), _title_from_name(p), whole=whole
    )


def load_bytes(
    data: bytes,
    name: str,
    source: str,
    suffix: str,
    fallback: str = "",
    *,
    whole: bool = False,
    url: str | None = None,
) -> Loaded:
    """A file's bytes as a text, read as its ``suffix`` says (``.html``, ``.epub``, ``.srt``...).

    Args:
        name: What the learner calls it, for messages.
        source: Kept with the text (a file's path, or the URL it came from).
        url: The page's address, which helps the extractor with an HTML page's links and title.
    """
    try:
        if suffix == ".epub":
            title, text = epub_to_text(data, name)
            return _finish(text, title or fallback, source, ".epub", fallback=fallback)
        text = decode_bytes(data, name).replace(CHAPTER_MARK, "")
        if suffix in SUBTITLE_SUFFIXES:
            return _checked(subtitles_to_text(text, name, suffix, source, fallback))
        return _finish(text, "", source, suffix, fallback=fallback, whole=whole, url=url)
    except MarkupError as exc:
        raise LoadError(str(exc)) from exc


def load_string(text: str, title: str = "", source: str = "-") -> Loaded:
    return _finish(text.replace(CHAPTER_MARK, ""), title, source, ".txt", fallback="Untitled")


def _check_size(data: bytes, name: str) -> bytes:
    if len(data) > MAX_BYTES:
        raise LoadError(f"{name} is too large (the limit is 64 MB)")
    return data


def decode_bytes(data: bytes, name: str) -> str:
    """UTF-8 first (the common case, and never a wrong guess); otherwise detect the encoding."""
    if not data.strip():
        raise LoadError(f"{name} is empty")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise LoadError(f"{name} claims UTF-16 but is not valid UTF-16") from exc
    if b"\x00" in data[:8192]:
        raise LoadError(f"{name} looks like a binary file, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    western = _mostly_ascii_cp1252(data)
    if western is not None:
        return western
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise LoadError(f"{name} is not text in any encoding we recognise")
    return str(best)


def _finish(
    text: str,
    title: str,
    source: str,
    suffix: str,
    fallback: str = "",
    *,
    whole: bool = False,
    url: str | None = None,
) -> Loaded:
    extracted = False
    if suffix in MARKDOWN_SUFFIXES:
        text = markdown_to_text(text)
    elif suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and _looks_like_html(text)):
        if whole:
            html_title, text = html_document(text)
        else:
            try:
                html_title, text = extract_article(text, url or source, url=url)
                extracted = True
            except NoArticle:
                if url is not None:  # a web page with nothing to read: say so, store nothing
                    raise
                html_title, text = html_document(text)  # a file of its own: all of it is text
        title = title or html_title
    elif suffix in TEXT_SUFFIXES:
        title = title or gutenberg_title(text)
    text = normalize(text)
    title = title or guess_title(text) or fallback
    if suffix in TEXT_SUFFIXES:
        stripped = strip_gutenberg(text)
        book = stripped is not text
        text = strip_illustrations(stripped) if book or "[Illustration" in text else stripped
        text = mark_chapters(text, book=book)
        text = drop_furniture(text, title)  # a web page saved as text: its buttons, repeats
    elif suffix == ".epub":
        text = strip_gutenberg(text)  # Gutenberg's EPUBs carry its header and licence too
    elif extracted:
        text = drop_furniture(text, title)  # what the extractor kept of "Topics", "Log in to…"
    text, chapters = _take_chapter_marks(text)
    return _checked(Loaded(title=title, content=text, source=source, chapters=chapters))


def _checked(loaded: Loaded) -> Loaded:
    text, source = loaded.content, loaded.source
    if not text.strip():
        raise LoadError(f"{source if source != '-' else 'stdin'} has no readable text")
    if _control_share(text) > 0.05:
        raise LoadError(f"{source} looks like a binary file, not text")
    return loaded


def _take_chapter_marks(text: str) -> tuple[str, tuple[Chapter, ...]]:
    """The text without its chapter marks, and each chapter's title and start offset."""
    if CHAPTER_MARK not in text:
        return text, ()
    parts: list[str] = []
    chapters: list[Chapter] = []
    length = 0
    position = 0
    for match in _MARKED.finditer(text):
        piece = text[position : match.start()]
        parts.append(piece)
        length += len(piece)
        title = " ".join(match.group(1).split())
        if title:
            chapters.append(Chapter(title, length))
        position = match.end()
        heading, _, _ = text[position:].partition("\n\n")
        said = " ".join(heading.split()).casefold()
        if said and len(said) <= MAX_CHAPTER_TITLE and title.casefold().startswith(said):
            position += len(heading)
            while text.startswith("\n", position):
                position += 1
    parts.append(text[position:])
    joined = "".join(parts)
    stripped = joined.lstrip("\n ")
    shift = len(joined) - len(stripped)
    chapters = [Chapter(c.title, max(0, c.start - shift)) for c in chapters]
    return stripped.rstrip("\n ") + "\n", tuple(c for c in chapters if c.start < len(stripped))


def normalize(text: str) -> str:
    """LF line ends, NFC, no trailing spaces, at most one blank line between paragraphs."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"[ \t\u00a0]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n ") + "\n"


def guess_title(text: str) -> str:
    """A title from the text itself: a Gutenberg title line, or a short first line on its own."""
    head = text[:3000]
    gutenberg = gutenberg_title(head)
    if gutenberg:
        return gutenberg
    first, _, rest = head.partition("\n")
    if first.lstrip().startswith("[") and "]" not in first:  # "[Illustration:", a caption
        return ""
    first = first.strip().lstrip("#").strip()
    if 0 < len(first) <= 120 and (rest.startswith("\n") or not rest.strip()):
        return first
    return ""


def _mostly_ascii_cp1252(data: bytes) -> str | None:
    """English with a few accents ("café crème") in a legacy encoding is Windows-1252.

    With a handful of non-ASCII bytes a detector has too little to go on and may pick a
    Central European code page ("crčme"). Given more, or text mostly in another script
    (whose letters would all come out accented), the detector decides.
    """
    high = sum(1 for byte in data if byte > 0x7F)
    if high > FEW_ACCENTS:
        return None
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:  # one of its five unassigned bytes: not Windows-1252
        return None
    letters = [c for c in text if c.isalpha()]
    accented = sum(1 for c in letters if not c.isascii())
    return text if accented <= 0.3 * len(letters) else None


def _looks_like_html(text: str) -> bool:
    head = text[:2000].lower()
    return "<html" in head or "<!doctype html" in head


def _control_share(text: str) -> float:
    sample = text[:20000]
    bad = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\n\t")
    return bad / max(1, len(sample))


def _title_from_name(p: Path) -> str:
    """ "pride_and_prejudice_1342-0.txt" -> "Pride and Prejudice" (a Gutenberg file's number
    is not part of its title)."""
    stem = re.sub(r"(?:[_ -]\d+)+$", "", p.stem) or p.stem
    words = stem.replace("_", " ").replace("-", " ").split()
    if words and all(w.islower() for w in words):
        small = {"a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to"}
        words = [w if i and w in small else w.capitalize() for i, w in enumerate(words)]
    return " ".join(words) or p.name
