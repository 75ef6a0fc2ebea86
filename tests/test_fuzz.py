"""Fuzzing the loaders and the dictionary parsers: any input gives a text, or the documented
one-line error (LoadError, LexiconError), never a traceback.

The examples are derived from a fixed seed (``derandomize``), so CI runs the same ones every
time; ``SENTENCES_FUZZ_EXAMPLES=5000`` searches much further on a developer's machine.
"""

from __future__ import annotations

import gzip
import io
import os
import struct
import tempfile
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.lexicon import import_dictionary
from reader.lexicon.base import LexiconError
from reader.store import open_db
from reader.text.load import Loaded, LoadError, load_path
from reader.text.markdown import markdown_to_text
from reader.text.markup import MarkupError, html_document

EXAMPLES = int(os.environ.get("SENTENCES_FUZZ_EXAMPLES", "120"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Text that looks like what the parsers expect, with the characters that break naive ones.
SHARP = st.sampled_from(
    ["<", ">", "&", "&amp;", "&#x0;", "&#99999999;", "\t", "\n", "\r", "\x00", '"', "'", "#",
     "*", "_", "`", "[", "]", "(", ")", "<br>", "</p>", "<script>", "<!--", "-->", "<![CDATA[",
     "\ufeff", "\u2028", "é", "ß", "日本", "\udcff"[:0], "=", ";", ",", "|", " ", "  ", "---"]
)  # fmt: skip
WORDISH = st.text(alphabet=st.characters(codec="utf-8"), max_size=12)
PIECES = st.lists(st.one_of(SHARP, WORDISH), max_size=60).map("".join)
BYTES = st.one_of(
    st.binary(max_size=600),
    PIECES.map(lambda s: s.encode("utf-8", "surrogatepass")),
    PIECES.map(lambda s: s.encode("utf-16")),
    PIECES.map(lambda s: s.encode("cp1252", "replace")),
)


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def _loads(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory(prefix="sentences-fuzz-") as tmp:
        path = _write(Path(tmp), f"input{suffix}", data)
        try:
            loaded = load_path(path)
        except LoadError as exc:
            assert "\n" not in str(exc) and str(exc)
            return
        assert isinstance(loaded, Loaded)
        assert "\r" not in loaded.content and loaded.content.strip()


@FUZZ
@given(
    data=BYTES,
    suffix=st.sampled_from([".txt", ".md", ".html", ".htm", ".xhtml", "", ".srt", ".vtt"]),
)
def test_text_markdown_and_html_files_load_or_say_why(data: bytes, suffix: str) -> None:
    _loads(data, suffix)


@FUZZ
@given(text=PIECES)
def test_markup_converters_never_crash(text: str) -> None:
    assert isinstance(markdown_to_text(text), str)
    try:
        title, body = html_document(text)
    except MarkupError as exc:
        assert "\n" not in str(exc)
        return
    assert isinstance(title, str) and isinstance(body, str)


def _epub(chapters: list[bytes], opf: bytes | None, container: bytes | None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as book:
        book.writestr("mimetype", "application/epub+zip")
        if container is not None:
            book.writestr("META-INF/container.xml", container)
        if opf is not None:
            book.writestr("OEBPS/content.opf", opf)
        for n, chapter in enumerate(chapters):
            book.writestr(f"OEBPS/ch{n}.xhtml", chapter)
    return buffer.getvalue()


CONTAINER = (
    b'<?xml version="1.0"?><container xmlns="urn:oasis:names:tc:opendocument:xmlns:container">'
    b'<rootfiles><rootfile full-path="OEBPS/content.opf"/></rootfiles></container>'
)


def _opf(count: int, title: str) -> bytes:
    items = "".join(f'<item id="c{n}" href="ch{n}.xhtml"/>' for n in range(count + 1))
    spine = "".join(f'<itemref idref="c{n}"/>' for n in range(count + 1))  # one chapter missing
    return (
        '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><metadata>'
        f"<dc:title>{title}</dc:title></metadata><manifest>{items}</manifest>"
        f"<spine>{spine}</spine></package>"
    ).encode("utf-8", "surrogatepass")


@FUZZ
@given(
    chapters=st.lists(BYTES, max_size=3),
    title=PIECES,
    container=st.one_of(st.just(CONTAINER), st.none(), BYTES),
    flips=st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 255)), max_size=4),
)
def test_epub_files_load_or_say_why(
    chapters: list[bytes], title: str, container: bytes | None, flips: list[tuple[int, int]]
) -> None:
    data = bytearray(_epub(chapters, _opf(len(chapters), title), container))
    for where, value in flips:  # a damaged download
        data[where % len(data)] = value
    _loads(bytes(data), ".epub")


def _imports(files: dict[str, bytes], fmt: str | None, target: str) -> None:
    with tempfile.TemporaryDirectory(prefix="sentences-fuzz-") as tmp:
        folder = Path(tmp)
        for name, data in files.items():
            _write(folder, name, data)
        db = open_db(":memory:")
        try:
            report = import_dictionary(db, folder / target, fmt=fmt)
        except LexiconError as exc:
            assert "\n" not in str(exc) and str(exc)
            return
        finally:
            db.close()
        assert report.entries > 0


@FUZZ
@given(data=BYTES, fmt=st.sampled_from(["tsv", "csv", None]), name=st.sampled_from(
    ["words.tsv", "words.csv", "words.tab", "words"]))  # fmt: skip
def test_tabular_dictionaries_import_or_say_why(data: bytes, fmt: str | None, name: str) -> None:
    _imports({name: data}, fmt, name)


def _stardict(entries: list[tuple[str, bytes]], types: str, count_delta: int) -> dict[str, bytes]:
    index = bytearray()
    body = bytearray()
    for word, article in entries:
        index += word.encode("utf-8", "surrogatepass") + b"\0"
        index += struct.pack(">II", len(body), len(article))
        body += article
    ifo = (
        "StarDict's dict ifo file\nversion=2.4.2\nbookname=Fuzz\n"
        f"wordcount={len(entries) + count_delta}\nidxfilesize={len(index)}\n"
        + (f"sametypesequence={types}\n" if types else "")
    )
    return {"fuzz.ifo": ifo.encode(), "fuzz.idx": bytes(index), "fuzz.dict": bytes(body)}


@FUZZ
@given(
    entries=st.lists(st.tuples(PIECES, BYTES), max_size=6),
    types=st.sampled_from(["", "m", "h", "x", "mh", "tm", "W", "g"]),
    count_delta=st.integers(-2, 2),
    damage=st.one_of(
        st.none(), st.tuples(st.sampled_from(["fuzz.ifo", "fuzz.idx", "fuzz.dict"]), BYTES)
    ),  # fmt: skip
    zipped=st.booleans(),
)
def test_stardict_dictionaries_import_or_say_why(
    entries: list[tuple[str, bytes]],
    types: str,
    count_delta: int,
    damage: tuple[str, bytes] | None,
    zipped: bool,
) -> None:
    files = _stardict(entries, types, count_delta)
    if damage is not None:
        files[damage[0]] = damage[1]
    if zipped:
        files["fuzz.dict.dz"] = gzip.compress(files.pop("fuzz.dict"))
    _imports(files, None, "fuzz.ifo")


TEI_ENTRY = st.builds(
    lambda orth, pos, gloss, extra: (
        f"<entry><form><orth>{orth}</orth></form><gramGrp><pos>{pos}</pos></gramGrp>"
        f'<sense><cit type="trans"><quote>{gloss}</quote></cit>{extra}</sense></entry>'
    ),
    PIECES,
    PIECES,
    PIECES,
    st.sampled_from(["", "<def>x</def>", '<cit type="example"><quote>e</quote></cit>', "<"]),
)


@FUZZ
@given(
    entries=st.lists(TEI_ENTRY, max_size=5),
    raw=st.one_of(st.none(), BYTES),
    zipped=st.booleans(),
)
def test_freedict_dictionaries_import_or_say_why(
    entries: list[str], raw: bytes | None, zipped: bool
) -> None:
    xml = (
        '<?xml version="1.0"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body>'
        + "".join(entries)
        + "</body></text></TEI>"
    ).encode("utf-8", "surrogatepass")
    data = raw if raw is not None else xml
    name = "fuzz.tei.gz" if zipped else "fuzz.tei"
    _imports({name: gzip.compress(data) if zipped else data}, "freedict", name)


B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def _b64(number: int) -> str:
    out = ""
    while True:
        out = B64[number % 64] + out
        number //= 64
        if not number:
            return out


@FUZZ
@given(
    entries=st.lists(st.tuples(PIECES, PIECES), max_size=6),
    shifts=st.lists(st.integers(-5, 50), max_size=6),
    raw_index=st.one_of(st.none(), BYTES),
)
def test_dictd_dictionaries_import_or_say_why(
    entries: list[tuple[str, str]], shifts: list[int], raw_index: bytes | None
) -> None:
    body = bytearray()
    lines = []
    for n, (word, article) in enumerate(entries):
        data = article.encode("utf-8", "surrogatepass")
        shift = shifts[n] if n < len(shifts) else 0
        lines.append(f"{word}\t{_b64(max(0, len(body) + shift))}\t{_b64(len(data))}\n")
        body += data
    index = "".join(lines).encode("utf-8", "surrogatepass") if raw_index is None else raw_index
    _imports({"fuzz.index": index, "fuzz.dict": bytes(body)}, "dictd", "fuzz.index")


_TIME = st.builds(
    lambda h, m, s, ms, sep: f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}",
    st.integers(0, 99), st.integers(0, 99), st.integers(0, 99), st.integers(0, 999),
    st.sampled_from([",", "."]),
)  # fmt: skip
_CUE = st.builds(
    lambda n, a, b, text, settings: f"{n}\n{a} --> {b}{settings}\n{text}\n\n",
    st.one_of(st.integers(0, 9999).map(str), WORDISH), _TIME, _TIME, PIECES,
    st.sampled_from(["", " align:start", " line:0 position:10%", " -->"]),
)  # fmt: skip


@FUZZ
@given(
    cues=st.lists(_CUE, max_size=8),
    header=st.sampled_from(["", "WEBVTT\n\n", "WEBVTT - x\nKind: captions\n\n", "\ufeff"]),
    suffix=st.sampled_from([".srt", ".vtt"]),
)
def test_subtitles_load_or_say_why(cues: list[str], header: str, suffix: str) -> None:
    _loads((header + "".join(cues)).encode("utf-8", "surrogatepass"), suffix)
