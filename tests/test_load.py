"""Loading files: encodings, formats, and every kind of bad input as a one-line error."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from _paths import SEED

from reader.text import load as load_module
from reader.text.load import LoadError, load_path, load_string


def test_seed_article_title_and_content() -> None:
    loaded = load_path(SEED)
    assert loaded.title.startswith("[Weekly Focus] How Kim Jong-un")
    # the page's furniture is gone (tests/test_text_display.py): it ends with the article
    assert loaded.content.endswith("Arirang news https://www.arirang.com/news/view?id=286928\n")
    assert Path(loaded.source).is_absolute()


def test_crlf_and_bom_are_normalized(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbfOne line.\r\nTwo.\r\n\r\n\r\n\r\nThree.\r\n")
    assert load_path(path).content == "One line.\nTwo.\n\nThree.\n"


def test_other_encodings_are_detected(tmp_path: Path) -> None:
    text = "Café society. Naïve résumés were déjà vu for the señor, and he was très fâché. " * 5
    latin = tmp_path / "latin.txt"
    latin.write_bytes(text.encode("cp1252"))
    assert "Café society" in load_path(latin).content
    short = tmp_path / "short.txt"
    short.write_bytes("Café crème. Deux.".encode("latin-1"))
    assert load_path(short).content.startswith("Café crème.")
    russian = tmp_path / "russian.txt"
    russian.write_bytes(("Война и мир. Это роман Льва Толстого. " * 5).encode("cp1251"))
    assert "Война и мир" in load_path(russian).content
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes(text.encode("utf-16"))
    assert "déjà vu" in load_path(utf16).content


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty"), (b"   \n\n  ", "empty"), (b"\x00\x01\x02binary\x00" * 50, "binary")],
)
def test_bad_files(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(LoadError, match=message):
        load_path(path)


def test_missing_path_and_directory(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="no such file"):
        load_path(tmp_path / "missing.txt")
    with pytest.raises(LoadError, match="directory"):
        load_path(tmp_path)


def test_huge_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(load_module, "MAX_BYTES", 1000)
    path = tmp_path / "huge.txt"
    path.write_text("Words. " * 1000)
    with pytest.raises(LoadError, match="too large"):
        load_path(path)


def test_markdown_keeps_words_and_breaks_headings(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("# A Title\nSome **bold** and a [link](http://x.org).\n\n- item one\n")
    content = load_path(path).content
    assert "A Title\n" in content and "Some bold and a link." in content
    assert "**" not in content and "](" not in content and "- item" not in content


def test_html_paragraphs_and_scripts(tmp_path: Path) -> None:
    path = tmp_path / "a.html"
    path.write_text(
        "<html><head><title>T</title><script>var x = 1;</script></head>"
        "<body><h1>Head</h1><p>First para.</p><p>Second <b>para</b>.</p></body></html>"
    )
    loaded = load_path(path)
    assert loaded.content == "Head\n\nFirst para.\n\nSecond para.\n"
    assert loaded.title == "T"


def _epub(chapters: list[str], title: str = "Book") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("mimetype", "application/epub+zip")
        z.writestr(
            "META-INF/container.xml",
            '<container xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>'
            '<rootfile full-path="OEBPS/content.opf"/></rootfiles></container>',
        )
        items = "".join(
            f'<item id="c{i}" href="c{i}.xhtml" media-type="application/xhtml+xml"/>'
            for i in range(len(chapters))
        )
        refs = "".join(f'<itemref idref="c{i}"/>' for i in range(len(chapters)))
        z.writestr(
            "OEBPS/content.opf",
            '<package xmlns="http://www.idpf.org/2007/opf" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/"><metadata>'
            f"<dc:title>{title}</dc:title></metadata><manifest>{items}</manifest>"
            f"<spine>{refs}</spine></package>",
        )
        for i, body in enumerate(chapters):
            z.writestr(f"OEBPS/c{i}.xhtml", f"<html><body>{body}</body></html>")
    return buffer.getvalue()


def test_epub_in_spine_order(tmp_path: Path) -> None:
    path = tmp_path / "book.epub"
    path.write_bytes(_epub(["<h1>One</h1><p>First.</p>", "<p>Second.</p>"], "My Book"))
    loaded = load_path(path)
    assert loaded.title == "My Book"
    assert loaded.content == "One\n\nFirst.\n\nSecond.\n"


@pytest.mark.parametrize("data", [b"PK\x03\x04 not really a zip", b""])
def test_broken_epub(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "broken.epub"
    path.write_bytes(data)
    with pytest.raises(LoadError, match="EPUB"):
        load_path(path)


def test_epub_without_package_document(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("META-INF/container.xml", "<container/>")
    path = tmp_path / "empty.epub"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(LoadError, match="broken EPUB"):
        load_path(path)


def test_load_string_guesses_title() -> None:
    assert load_string("A heading\n\nBody text here.").title == "A heading"


def test_project_gutenberg_header_and_licence_are_left_out(tmp_path: Path) -> None:
    book = tmp_path / "book.txt"
    book.write_text(
        "The Project Gutenberg eBook of Kept Title, by Someone\n\nLicence words.\n\n"
        "*** START OF THE PROJECT GUTENBERG EBOOK KEPT TITLE ***\n\n\nCHAPTER I\n\nIt began.\n\n"
        "*** END OF THE PROJECT GUTENBERG EBOOK KEPT TITLE ***\n\nMore licence.\n"
    )
    loaded = load_path(book)
    assert loaded.title == "Kept Title"
    assert loaded.content == "CHAPTER I\n\nIt began.\n"
    # a text that only quotes one marker is left whole
    quoted = tmp_path / "quoted.txt"
    quoted.write_text("*** START OF THE PROJECT GUTENBERG EBOOK X ***\nand no end.\n")
    assert "no end" in load_path(quoted).content and "START" in load_path(quoted).content
