"""Reading a learner's file into plain text.

Everything a learner may hand us (plain text in any encoding, Markdown, HTML, EPUB, stdin) becomes
one normalized string: LF line ends, no BOM, paragraphs separated by blank lines. Every offset the
reader stores points into that string, so it is what gets saved with the text.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from reader.text.markup import MarkupError, epub_to_text, html_document, markdown_to_text

FEW_ACCENTS = 100  # non-ASCII bytes below which the encoding detector is not trusted
MAX_BYTES = 64 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".text", ""}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}


class LoadError(Exception):
    """The input cannot be read as a text; the message is one line meant for the learner."""


@dataclass(frozen=True)
class Loaded:
    title: str
    content: str
    source: str


def load_path(path: str | Path) -> Loaded:
    """Load ``path`` (or ``-`` for stdin) as normalized plain text."""
    if str(path) == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
        text = decode_bytes(_check_size(data, "stdin"), "stdin")
        return _finish(text, "", "-", ".txt", fallback="stdin")
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
    suffix = p.suffix.lower()
    try:
        if suffix == ".epub":
            title, text = epub_to_text(data, p.name)
            return _finish(text, title or _title_from_name(p), str(p.resolve()), ".txt")
        return _finish(
            decode_bytes(data, p.name), "", str(p.resolve()), suffix, fallback=_title_from_name(p)
        )
    except MarkupError as exc:
        raise LoadError(str(exc)) from exc


def load_string(text: str, title: str = "", source: str = "-") -> Loaded:
    return _finish(text, title, source, ".txt", fallback="Untitled")


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


def _finish(text: str, title: str, source: str, suffix: str, fallback: str = "") -> Loaded:
    if suffix in MARKDOWN_SUFFIXES:
        text = markdown_to_text(text)
    elif suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and _looks_like_html(text)):
        html_title, text = html_document(text)
        title = title or html_title
    text = normalize(text)
    title = title or guess_title(text) or fallback
    text = strip_gutenberg(text)
    if suffix in TEXT_SUFFIXES:
        from reader.text.furniture import drop_furniture

        text = drop_furniture(text, title)  # a web page saved as text: its buttons, repeats
    if not text.strip():
        raise LoadError(f"{source if source != '-' else 'stdin'} has no readable text")
    if _control_share(text) > 0.05:
        raise LoadError(f"{source} looks like a binary file, not text")
    return Loaded(title=title, content=text, source=source)


def normalize(text: str) -> str:
    """LF line ends, NFC, no trailing spaces, at most one blank line between paragraphs."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"[ \t\u00a0]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n ") + "\n"


_GUTENBERG_START = re.compile(
    r"^\*{3} ?START OF (?:THE|THIS) PROJECT GUTENBERG E(?:BOOK|TEXT)[^\n]*\n", re.I | re.M
)
_GUTENBERG_END = re.compile(
    r"^\*{3} ?END OF (?:THE|THIS) PROJECT GUTENBERG E(?:BOOK|TEXT)", re.I | re.M
)


def strip_gutenberg(text: str) -> str:
    """The book without Project Gutenberg's header and licence: a reader starts at the book.

    Only when both markers are there, so a text that merely mentions them is left whole.
    """
    start = _GUTENBERG_START.search(text)
    end = _GUTENBERG_END.search(text, start.end()) if start else None
    if start is None or end is None or not text[start.end() : end.start()].strip():
        return text
    return text[start.end() : end.start()].strip("\n ") + "\n"


def guess_title(text: str) -> str:
    """A title from the text itself: a Gutenberg title line, or a short first line on its own."""
    head = text[:3000]
    gutenberg = re.search(r"Project Gutenberg e[Bb]ook of (.+?)(?:, by .*)?\n", head)
    if gutenberg:
        return gutenberg.group(1).strip()
    first, _, rest = head.partition("\n")
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
    return p.stem.replace("_", " ").replace("-", " ").strip() or p.name
