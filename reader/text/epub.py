"""EPUB books as text with their chapters.

The chapters come from the book's own table of contents: the EPUB 3 navigation document
(``<nav epub:type="toc">``), else the EPUB 2 NCX (``toc.ncx``); each entry points at a file of the
spine, or at an element inside one (``chapter3.xhtml#ch3``), and its title is what the contents
page says. A book with neither gets a chapter per spine file that opens with a heading. The
chapter's own heading, which repeats the title, is then not read as a sentence (see
:func:`reader.text.load._take_chapter_marks`).
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from urllib.parse import unquote
from xml.etree import ElementTree

from reader.text.markup import _ZIP_ERRORS, CHAPTER_MARK, MAX_EPUB_TEXT, MarkupError, _extract

_CONTAINER_NS = {"c": "urn:oasis:names:tc:opendocument:xmlns:container"}
_OPF_NS = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/"}
_XHTML = "{http://www.w3.org/1999/xhtml}"
_OPS_TYPE = "{http://www.idpf.org/2007/ops}type"
_NCX = "{http://www.daisy.org/z3986/2005/ncx/}"
_HEADINGS = ("h1", "h2", "h3")
MIN_HEADED_FILES = 2  # without a table of contents, one heading alone makes no chapters

Toc = list[tuple[str, str, str]]  # (file path in the zip, element id or "", title)


def epub_to_text(data: bytes, name: str) -> tuple[str, str]:
    """(title, text) of an EPUB: the spine's files in order, a chapter mark where each entry
    of the table of contents starts."""
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
        items = opf.findall(".//opf:manifest/opf:item", _OPF_NS)
        manifest = {item.get("id"): item.get("href", "") for item in items}
        title_el = opf.find(".//dc:title", _OPF_NS)
        title = (title_el.text or "").strip() if title_el is not None else ""
        spine: list[str] = []
        for ref in opf.findall(".//opf:spine/opf:itemref", _OPF_NS):
            href = manifest.get(ref.get("idref"))
            if href:
                spine.append(_join(base, href))
        toc = _toc(book, opf, base, items)
        raws = [
            book.read(path).decode("utf-8", "replace").replace(CHAPTER_MARK, "") for path in spine
        ]
        if toc:
            chapters = [_spine_file(raw, path, toc) for raw, path in zip(raws, spine, strict=True)]
        else:
            chapters = [_with_heading_mark(raw) for raw in raws]
            if sum(CHAPTER_MARK in c for c in chapters) < MIN_HEADED_FILES:
                chapters = [c.replace(CHAPTER_MARK, "") for c in chapters]
    except (KeyError, ElementTree.ParseError, UnicodeDecodeError, *_ZIP_ERRORS) as exc:
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise MarkupError(f"{name} is a broken EPUB: {reason}") from exc
    text = "\n\n".join(c for c in chapters if c.strip())
    if not text.replace(CHAPTER_MARK, "").strip():
        raise MarkupError(f"{name} is an EPUB with no readable text")
    return title, text


def _join(base: str, href: str) -> str:
    return posixpath.normpath(posixpath.join(base, unquote(href.split("#")[0])))


def _spine_file(raw: str, path: str, toc: Toc) -> str:
    entries = [(ident, title) for file, ident, title in toc if file == path]
    anchors = {ident: title for ident, title in entries if ident}
    head = [title for ident, title in entries if not ident]
    text = _extract(raw, anchors)[1]
    if head:
        text = f"{CHAPTER_MARK}{head[0]}\n\n{text}"
    return text


def _with_heading_mark(raw: str) -> str:
    """No table of contents: a file that opens with a heading is a chapter of that title."""
    text = _extract(raw)[1]
    first, _, rest = text.partition("\n\n")
    lowered = raw.lower()
    opens_with_heading = any(f"<{h}" in lowered for h in _HEADINGS)
    if opens_with_heading and first.strip() and len(first) <= 120:
        heading = _first_heading(raw)
        if heading and " ".join(heading.split()) == " ".join(first.split()):
            return f"{CHAPTER_MARK}{' '.join(first.split())}\n\n{rest}"
    return text


def _first_heading(raw: str) -> str:
    for heading in _HEADINGS:
        start = raw.lower().find(f"<{heading}")
        if start >= 0:
            end = raw.lower().find(f"</{heading}>", start)
            if end > start:
                return _extract(raw[start : end + len(heading) + 3])[1]
    return ""


def _toc(
    book: zipfile.ZipFile, opf: ElementTree.Element, base: str, items: list[ElementTree.Element]
) -> Toc:
    """The table of contents as (file, element id, title), from the EPUB 3 navigation document,
    else the NCX; empty when the book has neither (or they cannot be read)."""
    for item in items:
        if "nav" in (item.get("properties") or "").split():
            path = _join(base, item.get("href", ""))
            try:
                toc = _nav_entries(ElementTree.fromstring(book.read(path)), path)
            except (KeyError, ElementTree.ParseError):
                toc = []
            if toc:
                return toc
    spine = opf.find(".//opf:spine", _OPF_NS)
    ncx_id = spine.get("toc") if spine is not None else None
    for item in items:
        if item.get("id") == ncx_id or item.get("media-type") == "application/x-dtbncx+xml":
            path = _join(base, item.get("href", ""))
            try:
                return _ncx_entries(ElementTree.fromstring(book.read(path)), path)
            except (KeyError, ElementTree.ParseError):
                return []
    return []


def _nav_entries(nav_doc: ElementTree.Element, path: str) -> Toc:
    navs = list(nav_doc.iter(f"{_XHTML}nav"))
    toc_nav = next((n for n in navs if n.get(_OPS_TYPE) == "toc"), navs[0] if navs else None)
    if toc_nav is None:
        return []
    entries: Toc = []
    for link in toc_nav.iter(f"{_XHTML}a"):
        href = link.get("href") or ""
        title = " ".join("".join(link.itertext()).split())
        if href and title:
            entries.append(_entry(path, href, title))
    return entries


def _ncx_entries(ncx: ElementTree.Element, path: str) -> Toc:
    entries: Toc = []
    for point in ncx.iter(f"{_NCX}navPoint"):
        label = point.find(f"{_NCX}navLabel/{_NCX}text")
        content = point.find(f"{_NCX}content")
        title = " ".join((label.text or "").split()) if label is not None else ""
        href = content.get("src", "") if content is not None else ""
        if href and title:
            entries.append(_entry(path, href, title))
    return entries


def _entry(toc_path: str, href: str, title: str) -> tuple[str, str, str]:
    """An entry's href is relative to the document that holds the table of contents."""
    file, _, ident = href.partition("#")
    return _join(posixpath.dirname(toc_path), file), unquote(ident), title
