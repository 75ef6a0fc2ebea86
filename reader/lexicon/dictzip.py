"""Reading dictd's ``.dict.dz``: gzip with dictzip's random-access header.

dictzip compresses a dictionary in chunks (about 58 KB each, flushed so each chunk inflates on
its own) and lists the chunks' compressed sizes in the gzip header's extra field, subfield
``RA``. Any byte range can then be read by inflating only the chunks it spans. A ``.dz`` without
that header is still valid gzip: it is inflated whole.
"""

from __future__ import annotations

import gzip
import struct
import zlib
from collections import OrderedDict
from pathlib import Path

_FTEXT, _FHCRC, _FEXTRA, _FNAME, _FCOMMENT = 1, 2, 4, 8, 16
_CACHED_CHUNKS = 32


class DictzipError(Exception):
    """The file is not gzip, or its random-access header does not match its data."""


class DictzipReader:
    """Byte ranges of the uncompressed text of a ``.dict.dz`` (or a plain ``.dict``)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._data = path.read_bytes()
        self._whole: bytes | None = None
        self._chunks: OrderedDict[int, bytes] = OrderedDict()
        self.chunk_length = 0
        self._offsets: list[int] = []  # compressed start of each chunk, plus the end
        if path.name.lower().endswith((".dz", ".gz")):
            self._read_header()
        else:
            self._whole = self._data

    @property
    def random_access(self) -> bool:
        """Whether the dictzip header is there (else the file was inflated whole)."""
        return bool(self._offsets)

    def _read_header(self) -> None:
        data = self._data
        if len(data) < 10 or data[:2] != b"\x1f\x8b" or data[2] != 8:
            raise DictzipError(f"{self.path.name}: not a gzip file")
        flags = data[3]
        pos = 10
        ra: bytes | None = None
        if flags & _FEXTRA:
            (xlen,) = struct.unpack_from("<H", data, pos)
            pos += 2
            extra, pos = data[pos : pos + xlen], pos + xlen
            sub = 0
            while sub + 4 <= len(extra):
                ident = extra[sub : sub + 2]
                (length,) = struct.unpack_from("<H", extra, sub + 2)
                if ident == b"RA":
                    ra = extra[sub + 4 : sub + 4 + length]
                sub += 4 + length
        for flag in (_FNAME, _FCOMMENT):
            if flags & flag:
                end = data.index(b"\0", pos)
                pos = end + 1
        if flags & _FHCRC:
            pos += 2
        if ra is None or len(ra) < 6:
            self._inflate_whole()
            return
        version, chunk_length, count = struct.unpack_from("<HHH", ra, 0)
        if version != 1 or len(ra) < 6 + 2 * count:
            self._inflate_whole()
            return
        sizes = struct.unpack_from(f"<{count}H", ra, 6)
        offsets = [pos]
        for size in sizes:
            offsets.append(offsets[-1] + size)
        if offsets[-1] > len(data):
            raise DictzipError(f"{self.path.name}: the dictzip header runs past the file's end")
        self.chunk_length = chunk_length
        self._offsets = offsets

    def _inflate_whole(self) -> None:
        try:
            self._whole = gzip.decompress(self._data)
        except (OSError, EOFError, zlib.error) as exc:
            raise DictzipError(f"{self.path.name}: cannot inflate ({exc})") from exc

    def _chunk(self, number: int, cache: bool = True) -> bytes:
        cached = self._chunks.get(number)
        if cached is not None:
            self._chunks.move_to_end(number)
            return cached
        start, end = self._offsets[number], self._offsets[number + 1]
        try:
            chunk = zlib.decompressobj(-zlib.MAX_WBITS).decompress(self._data[start:end])
        except zlib.error as exc:
            raise DictzipError(f"{self.path.name}: chunk {number} is damaged ({exc})") from exc
        if not cache:
            return chunk
        self._chunks[number] = chunk
        if len(self._chunks) > _CACHED_CHUNKS:
            self._chunks.popitem(last=False)
        return chunk

    def inflate_all(self) -> None:
        """Inflate every chunk once, for reading the whole dictionary in any order.

        The chunks are one deflate stream, flushed at each chunk's end, so they are inflated in
        one call: zlib lets go of Python's lock for all of it, and a thread can inflate a file
        while the program reads another (one call per chunk would wait for the lock thousands
        of times). A damaged stream is inflated again chunk by chunk, to name the chunk."""
        if self._whole is not None:
            return
        offsets = self._offsets
        try:
            inflater = zlib.decompressobj(-zlib.MAX_WBITS)
            whole = inflater.decompress(memoryview(self._data)[offsets[0] : offsets[-1]])
            if inflater.unused_data:  # a writer that ended each chunk as a stream of its own
                raise zlib.error("more than one deflate stream")
        except zlib.error:
            whole = b"".join(self._chunk(n, cache=False) for n in range(len(offsets) - 1))
        self._whole = whole
        self._chunks.clear()

    def read(self, offset: int, length: int) -> bytes:
        """``length`` bytes of the uncompressed text from ``offset`` (fewer at the end)."""
        if self._whole is not None:
            return self._whole[offset : offset + length]
        size = self.chunk_length
        first, last = offset // size, (offset + length - 1) // size
        last = min(last, len(self._offsets) - 2)
        if length <= 0 or first > last:
            return b""
        pieces = [self._chunk(n) for n in range(first, last + 1)]
        joined = pieces[0] if len(pieces) == 1 else b"".join(pieces)
        start = offset - first * size
        return joined[start : start + length]
