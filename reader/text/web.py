"""A text from a URL: the page fetched with limits, then read like a file of its kind.

A learner who finds the next article types ``sentences read https://...``. The fetch is bounded
(a timeout, a size limit, a few redirects) so a slow or endless page cannot hang the command,
and the page's charset is honoured (the HTTP header, then the page's own <meta>, then a
guess). What comes back decides how it is read: an HTML page's article is extracted
(:mod:`reader.text.article`); plain text, Markdown, subtitles and EPUB read as their files do;
a PDF, an image, audio or video is refused by name, since none of them is text we can read.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

from reader.text.load import HTML_SUFFIXES, Loaded, LoadError, load_bytes

if TYPE_CHECKING:
    import requests

TIMEOUT = (10.0, 20.0)  # seconds to connect, and between bytes of the answer
MAX_PAGE_BYTES = 16 * 1024 * 1024
MAX_REDIRECTS = 5
USER_AGENT = "sentences-reader (a terminal reader for language learners)"

_URL = re.compile(r"^https?://", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)
_REFUSED = {
    "application/pdf": "a PDF",
    "application/zip": "a ZIP archive",
    "application/octet-stream": "a binary file",
    "application/msword": "a Word document",
}
_BY_SUFFIX = {
    "text/markdown": ".md",
    "text/x-markdown": ".md",
    "text/vtt": ".vtt",
    "application/x-subrip": ".srt",
    "application/epub+zip": ".epub",
    "text/plain": ".txt",
    "text/html": ".html",
    "application/xhtml+xml": ".html",
}
_MAGIC = [
    (b"%PDF", "a PDF"),
    (b"\x89PNG", "an image (PNG)"),
    (b"\xff\xd8\xff", "an image (JPEG)"),
    (b"GIF8", "an image (GIF)"),
    (b"ID3", "audio (MP3)"),
]


def is_url(target: str) -> bool:
    return bool(_URL.match(target.strip()))


_TRACKING = re.compile(r"^(?:utm_\w+|fbclid|gclid|mc_cid|mc_eid|ref_src)$", re.I)


def canonical_url(url: str) -> str:
    """The address kept as a text's source, so the same page found again is the same text:
    without the "#fragment" (a place in the page) and the campaign tags a shared link carries
    (``utm_source``, ``fbclid``...); the host in lower case."""
    parts = urlsplit(url.strip())
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, True) if not _TRACKING.match(k)])
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path, query, ""))


def load_url(url: str, *, whole: bool = False) -> Loaded:
    """Fetch ``url`` and read it as a text whose source is the URL.

    Raises:
        LoadError: one line for the learner: no network, an HTTP error, a timeout, a page
            too large, a kind of file that is not text, or a page with no article.
    """
    import requests

    url = canonical_url(url)
    host = urlsplit(url).hostname or url
    session = requests.Session()
    session.max_redirects = MAX_REDIRECTS
    session.headers["User-Agent"] = USER_AGENT
    try:
        with session.get(url, timeout=TIMEOUT, stream=True) as response:
            if response.status_code >= 400:
                reason = response.reason or "error"
                raise LoadError(f"{url}: the site answered {response.status_code} {reason}")
            kind = (response.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            _refuse_kind(url, kind)
            data = _read_limited(response, url)
            header_charset = _header_charset(response.headers.get("Content-Type") or "")
            final_url = response.url or url
    except requests.exceptions.TooManyRedirects as exc:
        raise LoadError(f"{url}: more than {MAX_REDIRECTS} redirects") from exc
    except requests.exceptions.Timeout as exc:
        raise LoadError(f"{host} did not answer within {TIMEOUT[1]:.0f} seconds") from exc
    except requests.exceptions.ConnectionError as exc:
        raise LoadError(f"cannot reach {host}: no network, or no such site") from exc
    except requests.exceptions.InvalidURL as exc:
        raise LoadError(f"not a web address we can fetch: {url}") from exc
    except requests.exceptions.RequestException as exc:
        raise LoadError(f"cannot fetch {url}: {' '.join(str(exc).split())[:200]}") from exc
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise LoadError(f"{url} is {what}, not a web page or text")
    suffix = _suffix(final_url, kind, data)
    if suffix in HTML_SUFFIXES or suffix == ".txt":
        data = _as_utf8(data, header_charset)
    name = _name(final_url)
    return load_bytes(data, name, url, suffix, fallback=name, whole=whole, url=final_url)


def _refuse_kind(url: str, kind: str) -> None:
    main_type = kind.split("/")[0]
    if kind in _REFUSED:
        raise LoadError(f"{url} is {_REFUSED[kind]}, not a web page or text")
    if main_type in {"image", "audio", "video", "font"}:
        article = "an" if main_type in {"image", "audio"} else "a"
        what = "audio" if main_type == "audio" else f"{article} {main_type}"
        raise LoadError(f"{url} is {what} ({kind}), not a web page or text")


def _read_limited(response: requests.Response, url: str) -> bytes:
    declared = response.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > MAX_PAGE_BYTES:
        megabytes = int(declared) // (1024 * 1024)
        raise LoadError(f"{url} is too large ({megabytes} MB; the limit is 16 MB)")
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_content(chunk_size=65536):
        size += len(chunk)
        if size > MAX_PAGE_BYTES:
            raise LoadError(f"{url} is larger than 16 MB; not read")
        chunks.append(chunk)
    data = b"".join(chunks)
    if not data.strip():
        raise LoadError(f"{url} is an empty page")
    return data


def _header_charset(content_type: str) -> str | None:
    match = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", content_type, re.I)
    return match.group(1) if match else None


def _as_utf8(data: bytes, header_charset: str | None) -> bytes:
    """The page re-encoded as UTF-8 when its charset is declared (the header, else a <meta>),
    so the decoder downstream needs no guess; an undeclared page is left to the guess."""
    import codecs

    meta = _META_CHARSET.search(data[:4096])
    declared = header_charset or (meta.group(1).decode("ascii", "replace") if meta else None)
    if not declared:
        return data
    try:
        codec = codecs.lookup(declared).name
    except LookupError:
        return data
    if codec == "utf-8":
        return data
    return data.decode(codec, errors="replace").encode("utf-8")


def _suffix(url: str, kind: str, data: bytes) -> str:
    path_suffix = PurePosixPath(unquote(urlsplit(url).path)).suffix.lower()
    if path_suffix in {".md", ".markdown", ".srt", ".vtt", ".epub", ".txt"}:
        return path_suffix
    if kind in _BY_SUFFIX:
        return _BY_SUFFIX[kind]
    head = data[:2048].lower()
    return ".html" if b"<html" in head or b"<!doctype html" in head else ".txt"


def _name(url: str) -> str:
    parts = urlsplit(url)
    last = PurePosixPath(unquote(parts.path)).name
    return last or parts.hostname or url
