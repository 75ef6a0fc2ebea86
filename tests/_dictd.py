"""Writing small dictd dictionaries for the tests: an .index and a .dict, or a dictzip .dict.dz.

The dictzip writer follows dictzip(1)'s format: the text is deflated in fixed-size chunks, each
ended with a full flush so it inflates on its own, and the chunks' compressed sizes go in the
gzip header's extra field, subfield ``RA`` (version 1, chunk length, chunk count, sizes).
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

ENG_DEU = [
    ("00-database-short", "00-database-short\n     English - German Test/FreeDict dictionary\n"),
    ("00-database-url", "00-database-url\n     https://example.org/\n"),
    (
        "coalition",
        'coalition /kˌəʊəlˈɪʃən/\nKoalition <fem> [pol.]\n      "grand coalition"  - große '
        "Koalition\n see: {coalitions}, {grand coalition}\n\n",
    ),
    ("coalition", "coalition /kˌəʊəlˈɪʃən/\nVereinigung <fem>\n see: {coalitions}\n\n"),
    (
        "run",
        "run /ɹˈʌn/ (ran /ɹˈan/ <>, run /ɹˈʌn/ <>) <v>\nlaufen <v, intr>\n"
        '      "run for the bus"  - zum Bus laufen\n   Synonym: {race}\n\n'
        " see: {running}, {run}\n\n",
    ),
    ("run", 'run /ɹˈʌn/\ngelaufen\n      "run for the bus"  - zum Bus laufen\n see: {run}\n\n'),
    ("run", "run /ɹˈʌn/\nLauf <masc>\n         Note: Sport\n\n"),
    ("take over", "take over /tˈeɪk ˈəʊvə/ <v>\nübernehmen <v, trans>\n"),
]


def number(value: int) -> str:
    if value == 0:
        return "A"
    digits = ""
    while value:
        value, digit = divmod(value, 64)
        digits = _B64[digit] + digits
    return digits


def dictzip(data: bytes, chunk_length: int = 64) -> bytes:
    """``data`` in dictzip's format: gzip with a random-access header of ``chunk_length`` chunks."""
    chunks: list[bytes] = []
    for start in range(0, len(data), chunk_length):
        deflate = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
        piece = deflate.compress(data[start : start + chunk_length])
        piece += deflate.flush(zlib.Z_FULL_FLUSH)
        chunks.append(piece)
    ra = struct.pack("<HHH", 1, chunk_length, len(chunks))
    ra += b"".join(struct.pack("<H", len(c)) for c in chunks)
    extra = b"RA" + struct.pack("<H", len(ra)) + ra
    header = b"\x1f\x8b\x08\x04" + b"\0\0\0\0" + b"\x02\x03" + struct.pack("<H", len(extra))
    tail = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS).flush(zlib.Z_FINISH)
    trailer = struct.pack("<II", zlib.crc32(data) & 0xFFFFFFFF, len(data) & 0xFFFFFFFF)
    return header + extra + b"".join(chunks) + tail + trailer


def write_dictd(
    folder: Path,
    stem: str,
    entries: list[tuple[str, str]],
    *,
    dz: bool = False,
) -> Path:
    """Write ``stem.index`` and ``stem.dict`` (or ``.dict.dz``); returns the index's path."""
    folder.mkdir(parents=True, exist_ok=True)
    data = b""
    lines = []
    for word, body in entries:
        raw = body.encode("utf-8")
        lines.append(f"{word}\t{number(len(data))}\t{number(len(raw))}\n")
        data += raw
    index = folder / f"{stem}.index"
    index.write_text("".join(lines), encoding="utf-8")
    if dz:
        (folder / f"{stem}.dict.dz").write_bytes(dictzip(data))
    else:
        (folder / f"{stem}.dict").write_bytes(data)
    return index
