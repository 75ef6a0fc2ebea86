"""Cached audio is stored as MP3, whichever engine made it.

eSpeak NG writes 16-bit WAV: about 44 KB a second, 290 KB for an average sentence, so pre-rendering
War and Peace would fill 9 GB. As MP3 (variable bit rate, speech quality) the same sentence takes
about 40 KB, gTTS's own files are MP3 already, and MP3 is what flashcard programs expect. soundfile
(libsndfile, which bundles LAME) encodes; miniaudio decodes for playback.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import numpy.typing as npt

from reader.atomic import atomic_output

#: libsndfile's 0-1 scale; 0.8 gives about 45 kbit/s for a speaking voice, clear enough to hear
#: every consonant, which is what a learner listens for.
COMPRESSION = 0.8


def write_mp3(samples: npt.NDArray[np.float32], rate: int, target: Path) -> None:
    """Mono float samples in [-1, 1] to an MP3 at ``target``, atomically."""
    import soundfile

    with atomic_output(target) as tmp:
        try:
            soundfile.write(
                str(tmp),
                np.clip(samples, -1.0, 1.0),
                rate,
                format="MP3",
                subtype="MPEG_LAYER_III",
                compression_level=COMPRESSION,
                bitrate_mode="VARIABLE",
            )
        except (soundfile.LibsndfileError, TypeError, ValueError) as exc:
            raise OSError(f"cannot encode MP3: {exc}") from exc


def wav_to_mp3(source: Path, target: Path) -> None:
    """Re-encode a WAV file (an engine's output) as the cache's MP3."""
    import soundfile

    try:
        samples, rate = soundfile.read(str(source), dtype="float32", always_2d=False)
    except soundfile.LibsndfileError as exc:
        raise OSError(f"cannot read {source.name}: {exc}") from exc
    if samples.ndim > 1:
        samples = samples.mean(axis=1)
    write_mp3(samples, int(rate), target)


#: What ``speak --out`` can write, by the file name's suffix (libsndfile's formats).
OUT_FORMATS = {".mp3": None, ".wav": ("WAV", "PCM_16"), ".flac": ("FLAC", "PCM_16"),
               ".ogg": ("OGG", "VORBIS")}  # fmt: skip


def export_audio(source: Path, target: Path) -> None:
    """Write the cached MP3 ``source`` to ``target`` in the format its suffix names.

    Raises ``ValueError`` for a suffix no format matches, naming the ones that do.
    """
    suffix = target.suffix.lower()
    if suffix not in OUT_FORMATS:
        names = ", ".join(sorted(OUT_FORMATS))
        raise ValueError(f"cannot write {suffix or 'a file without a suffix'}: name it {names}")
    spec = OUT_FORMATS[suffix]
    if spec is None or suffix == source.suffix.lower():
        import shutil

        shutil.copyfile(source, target)
        return
    import soundfile

    try:
        samples, rate = soundfile.read(str(source), dtype="float32", always_2d=False)
    except soundfile.LibsndfileError as exc:
        raise OSError(f"cannot read {source.name}: {exc}") from exc
    fmt, subtype = spec
    with atomic_output(target) as tmp:
        try:
            soundfile.write(str(tmp), samples, int(rate), format=fmt, subtype=subtype)
        except (soundfile.LibsndfileError, TypeError, ValueError) as exc:
            raise OSError(f"cannot write {target.name}: {exc}") from exc
