"""A big dictd dictionary's parse spread over processes gives the rows one process would
(lexicon.dictd_parse): a streaming child's batches, aligned by the caller, or a pool's."""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import struct
import tempfile
import time
import zlib
from pathlib import Path

import pytest
from _dictd import number, write_dictd

from reader.lexicon import dictd, dictd_parse, dictd_stream
from reader.lexicon.base import LexiconError, Row
from reader.lexicon.dictzip import DictzipReader

WORDS = [f"word{n:03d}" for n in range(60)]


def _entries() -> list[tuple[str, str]]:
    return [
        (word, f"{word} /wɜːd/ <n>\nWort{n} <neut> [ling.]\n see: {{word}}\n\n")
        for n, word in enumerate(WORDS)
    ]


def _align(
    headword: str, pos: str | None, gloss: str, synonyms: str | None, see_also: str | None
) -> tuple[str | None, float | None]:
    return f"{headword}%{pos}", float(len(gloss))


def test_the_stream_and_the_workers_give_the_rows_of_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = dictd.locate(write_dictd(tmp_path, "eng-xx", _entries(), dz=True))
    alone = list(dictd.read_rows(files, None, _align))  # under PARALLEL_FROM: one process
    assert len(alone) == len(WORDS)
    assert alone[0].sense_key == "word000%NOUN" and alone[0].align_score == len(alone[0].gloss)
    monkeypatch.setattr(dictd_parse, "PARALLEL_FROM", 10)
    monkeypatch.setattr(dictd_parse, "BATCH", 7)
    parse = dictd.start_parse(files, stream=True)
    assert parse._stream is not None  # noqa: SLF001
    assert list(dictd.read_rows(files, None, _align, parse)) == alone
    parse.close()
    pooled = list(dictd.read_rows(files, None, _align, dictd.start_parse(files)))
    assert pooled == alone  # the workers align as they parse
    unaligned = list(dictd.read_rows(files, None, None, dictd.start_parse(files, stream=True)))
    assert [row[:6] for row in unaligned] == [row[:6] for row in alone]
    assert all(row.sense_key is None for row in unaligned)


def _ranked_entries() -> list[tuple[str, str]]:
    """Each word a verb, its past form (left out) and a noun: ranks 1 and 2, across batches."""
    return [
        entry
        for n, word in enumerate(WORDS[:30])
        for entry in (
            (word, f"{word} /wɜːd/ <v>\nworten{n}\n see: {{words}}\n\n"),
            (word, f"{word} /wɜːd/\ngewortet{n}\n see: {{words}}\n\n"),
            (word, f"{word} /wɜːd/ <n>\nWort{n} <neut>\n\n"),
        )
    ]


def _spread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[dictd.DictdFiles, list[Row]]:
    """A dictionary small enough to parse in batches of 7 over processes, and its rows as one
    process gives them."""
    files = dictd.locate(write_dictd(tmp_path, "eng-xx", _ranked_entries(), dz=True))
    alone = list(dictd.read_rows(files, None, _align))
    assert [row.rank for row in alone[:4]] == [1, 2, 1, 2]
    assert not any(row.gloss.startswith("gewortet") for row in alone)
    monkeypatch.setattr(dictd_parse, "PARALLEL_FROM", 10)
    monkeypatch.setattr(dictd_parse, "BATCH", 7)
    return files, alone


class _Count:
    """A collector: how many entries the stream gave it, and in which process."""

    def __init__(self, fail_at: int | None = None, die_at: int | None = None) -> None:
        self.entries = 0
        self.batches = 0
        self.fail_at, self.die_at = fail_at, die_at

    def add(self, batch: list[tuple[int, list]]) -> None:
        if self.batches == self.fail_at:
            raise RuntimeError("a collector's own failure")
        if self.batches == self.die_at:
            os._exit(1)  # killed, as by the system
        self.batches += 1
        self.entries += len(batch)

    def result(self) -> tuple[int, int]:
        return self.entries, os.getpid()


def test_the_child_hands_every_batch_to_the_collector_and_its_result_to_the_caller(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files, alone = _spread(tmp_path, monkeypatch)
    count = _Count()
    parse = dictd.start_parse(files, stream=True, collect=count)
    assert list(dictd.read_rows(files, None, _align, parse)) == alone
    entries, pid = parse.collected()
    assert entries == len(alone) and pid != os.getpid()
    assert count.entries == 0  # this process's copy was never given a batch
    folder = parse._stream._folder  # noqa: SLF001
    assert not list(folder.iterdir())  # each batch's file read and removed
    parse.close()
    assert not folder.exists()


@pytest.mark.parametrize("how", ["fail_at", "die_at"])
def test_batches_a_failed_child_never_gave_are_parsed_by_the_caller(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    """The child fails (or is killed) after giving two batches: the caller parses the rest,
    from the middle of a word's entries (its past form and its second rank come after the
    edge), and the collector's result is missing (the import then works the literal rule out
    itself)."""
    files, alone = _spread(tmp_path, monkeypatch)
    parse = dictd.start_parse(files, stream=True, collect=_Count(**{how: 1}))
    assert list(dictd.read_rows(files, None, _align, parse)) == alone
    assert parse.collected() is None
    parse.close()


def test_a_parse_never_read_stops_its_child_and_removes_its_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files, _ = _spread(tmp_path, monkeypatch)
    parse = dictd.start_parse(files, stream=True)
    stream = parse._stream  # noqa: SLF001
    assert stream is not None
    time.sleep(0.2)  # some batches written, and never read
    parse.close()  # the import failed before the parse was read: nothing is left running
    assert not stream._process.is_alive()  # noqa: SLF001
    assert not stream._folder.exists()  # noqa: SLF001
    parse.close()


def test_chunks_written_as_streams_of_their_own_still_inflate(tmp_path: Path) -> None:
    """A dictzip writer that ends every chunk as a deflate stream of its own: inflating the
    whole in one call would stop after the first chunk."""
    text = ("".join(body for _, body in _entries())).encode()
    path = tmp_path / "own.dict.dz"
    path.write_bytes(_streams_of_their_own(text))
    reader = DictzipReader(path)
    reader.inflate_all()
    assert reader.read(0, len(text)) == text


def _streams_of_their_own(data: bytes, chunk: int = 64) -> bytes:
    pieces = []
    for start in range(0, len(data), chunk):
        deflate = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
        pieces.append(deflate.compress(data[start : start + chunk]) + deflate.flush())
    ra = struct.pack("<HHH", 1, chunk, len(pieces))
    ra += b"".join(struct.pack("<H", len(piece)) for piece in pieces)
    extra = b"RA" + struct.pack("<H", len(ra)) + ra
    header = b"\x1f\x8b\x08\x04" + b"\0\0\0\0" + b"\x02\x03" + struct.pack("<H", len(extra))
    trailer = struct.pack("<II", zlib.crc32(data) & 0xFFFFFFFF, len(data) & 0xFFFFFFFF)
    return header + extra + b"".join(pieces) + trailer


@pytest.mark.parametrize("damaged", [2, 40])  # in the first batch, in a later one
def test_a_damaged_entry_stops_a_spread_parse_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damaged: int
) -> None:
    entries = [("00-database-utf8", "00-database-utf8\n"), *_entries()]
    word, body = entries[damaged]
    entries[damaged] = (word, body.replace("Wort", "Wort\udce4"))
    index = tmp_path / "eng-xx.index"
    write_dictd(tmp_path, "eng-xx", [(w, b) for w, b in entries if "\udce4" not in b])
    raw = b"".join(b.encode("utf-8", "surrogateescape") for _, b in entries)
    lines, offset = [], 0
    for w, b in entries:
        size = len(b.encode("utf-8", "surrogateescape"))
        lines.append(f"{w}\t{number(offset)}\t{number(size)}\n")
        offset += size
    index.write_text("".join(lines), encoding="utf-8")
    (tmp_path / "eng-xx.dict").write_bytes(raw)
    monkeypatch.setattr(dictd_parse, "PARALLEL_FROM", 10)
    monkeypatch.setattr(dictd_parse, "BATCH", 7)
    files = dictd.locate(index)
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    for stream in (True, False):  # in the streaming child, or in a worker of the pool
        with pytest.raises(LexiconError, match=f"the entry “{word}” is not UTF-8"):
            list(dictd.read_rows(files, None, _align, dictd.start_parse(files, stream=stream)))
    gc.collect()
    assert not list(temporary.iterdir())  # the stream's folder went with it, never closed


class _Text:
    """A dictionary's text, read as DictzipReader reads it."""

    path = Path("eng-xx.dict")

    def __init__(self, text: bytes) -> None:
        self.text = text

    def read(self, offset: int, length: int) -> bytes:
        return self.text[offset : offset + length]


def _lines_read_one_by_one(index: str, lines: list[str], reader: _Text) -> list[tuple[int, list]]:
    out = []
    for n in range(len(lines)):
        entry = dictd_parse._index_entry(index, lines, n)  # noqa: SLF001
        if entry is not None and dictd_parse._metadata_key(entry[0]) is None:  # noqa: SLF001
            body = reader.read(entry[1], entry[2]).decode()
            out.append((entry[1], dictd_parse.group_tuples(entry[0], body)))
    return out


def test_index_lines_read_in_the_loop_read_as_one_by_one(monkeypatch: pytest.MonkeyPatch) -> None:
    body = "word /wɜːd/\nWort <neut>\n"
    text = (body * 400).encode()
    size = len(body.encode())
    lines = [
        f"word\t{number(0)}\t{number(size)}",  # numbers of one and two digits
        f"word\t{number(size * 300)}\t{number(size)}",  # an offset of three digits
        "",
        "   ",
        "\t\t",  # blank: left out
        f"word\t\t{number(size)}",  # an empty offset is 0
        f"word\t{number(size)}\t{number(size)}\textra",  # more fields: the first three read
        f"00-database-utf8\t{number(0)}\t{number(size)}",
        f" \t{number(size)}\t{number(size)}",
    ]
    reader = _Text(text)
    monkeypatch.setattr(dictd_parse, "_shared", ("eng-xx.index", lines, reader, True, None))
    read = dictd_parse._parse_range((0, len(lines)))  # noqa: SLF001
    assert read == _lines_read_one_by_one("eng-xx.index", lines, reader)
    assert len(read) == 5


@pytest.mark.parametrize("line", ["word\tA?\tB", "word\tAB", "word\tA\tB C", "word"])
def test_a_damaged_index_line_is_named_by_its_number(
    line: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = ["word\tA\tB", line]
    monkeypatch.setattr(dictd_parse, "_shared", ("eng-xx.index", lines, _Text(b"x"), True, None))
    with pytest.raises(LexiconError, match=r"^eng-xx.index, line 2: not a dictd index line"):
        dictd_parse._parse_range((0, 2))  # noqa: SLF001


def test_without_a_temporary_folder_the_workers_parse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files, alone = _spread(tmp_path, monkeypatch)

    def unwritable(*args: object, **kwargs: object) -> str:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkdtemp", unwritable)
    parse = dictd.start_parse(files, stream=True)
    assert parse._stream is None  # noqa: SLF001
    assert list(dictd.read_rows(files, None, _align, parse)) == alone


class _SlowRanked(dictd.Ranked):
    """The child's shaping made slow, so that the caller, waiting, takes batches from its end."""

    def __call__(self, batch: list[tuple[int, list]]) -> list[dictd.Fields]:
        time.sleep(0.05)
        return super().__call__(batch)


def test_a_caller_kept_waiting_parses_the_childs_last_batches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files, alone = _spread(tmp_path, monkeypatch)
    monkeypatch.setattr(dictd, "Ranked", _SlowRanked)
    parse = dictd.start_parse(files, stream=True, collect=_Count())
    assert list(dictd.read_rows(files, None, _align, parse)) == alone
    stream = parse._stream  # noqa: SLF001
    assert stream is not None
    assert stream._claims[1] < len(parse._ranges) - 2  # noqa: SLF001 (it took three or more)
    assert parse.collected()[0] == len(alone)  # the child shaped and collected them all
    parse.close()


def test_a_child_that_dies_after_the_caller_took_batches_from_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files, alone = _spread(tmp_path, monkeypatch)

    class _Dies(_SlowRanked):
        def __call__(self, batch: list[tuple[int, list]]) -> list[dictd.Fields]:
            in_child = multiprocessing.parent_process() is not None
            if in_child and batch and batch[0][0] > 1500:  # after the caller took some
                os._exit(1)
            return super().__call__(batch)

    monkeypatch.setattr(dictd, "Ranked", _Dies)
    parse = dictd.start_parse(files, stream=True)
    assert list(dictd.read_rows(files, None, _align, parse)) == alone
    assert parse._stream._claims[1] < len(parse._ranges)  # noqa: SLF001
    parse.close()


def _slow_pickled(bounds: tuple[int, int]) -> bytes:
    time.sleep(0.05)
    return KEEP_PICKLED(bounds)


KEEP_PICKLED = dictd_parse._parse_range_pickled


@pytest.mark.parametrize("stream", [True, False])
def test_children_leave_ctrl_c_to_the_parent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str], stream: bool
) -> None:
    """Ctrl-C reaches every process of the command: the children ignore it (the parent stops,
    in one line, and ends them), so none prints a traceback or stops its work on its own."""
    files, alone = _spread(tmp_path, monkeypatch)
    monkeypatch.setattr(dictd, "Ranked", _SlowRanked)
    monkeypatch.setattr(dictd_parse, "_parse_range_pickled", _slow_pickled)
    parse = dictd.start_parse(files, stream=stream, collect=_Count() if stream else None)
    rows = dictd.read_rows(files, None, _align, parse)
    got = [next(rows)]  # the pool's workers are started by then
    time.sleep(0.1)
    children = multiprocessing.active_children()
    assert children
    for child in children:
        os.kill(child.pid, signal.SIGINT)

    def stuck(*args: object) -> None:  # an interrupted worker leaves the pool waiting forever
        raise TimeoutError("the parse never ended")

    kept = signal.signal(signal.SIGALRM, stuck)
    signal.alarm(30)
    try:
        got += list(rows)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, kept)
    assert got == alone
    if stream:
        assert parse.collected()[0] == len(alone)  # the child went on to the end
        parse.close()
    assert "Traceback" not in capfd.readouterr().err


def test_a_full_temporary_folder_leaves_the_parse_to_the_caller(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The caller cannot write a batch it took for the child (no room left): it stops the
    child and parses the rest itself, from the start of the count."""
    files, alone = _spread(tmp_path, monkeypatch)
    monkeypatch.setattr(dictd, "Ranked", _SlowRanked)
    kept = dictd_stream._write

    def full(folder: Path, name: str, batch: list) -> None:
        if name.startswith("raw-"):
            raise OSError(28, "No space left on device")
        kept(folder, name, batch)

    monkeypatch.setattr(dictd_stream, "_write", full)
    parse = dictd.start_parse(files, stream=True, collect=_Count())
    assert list(dictd.read_rows(files, None, _align, parse)) == alone
    assert parse.collected() is None
    parse.close()
