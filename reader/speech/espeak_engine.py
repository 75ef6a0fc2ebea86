"""eSpeak NG (offline): the ``espeak-ng`` program where installed, else the library in a wheel.

The program is preferred because it is what the system packager tested. Where it is missing
(Windows, macOS, minimal containers) the ``espeakng-loader`` wheel brings libespeak-ng and its
voice data, driven here through ctypes. The library keeps global state and is not thread-safe,
so one lock serialises all calls into it.
"""

from __future__ import annotations

import ctypes
import shutil
import subprocess
import threading
import wave
from pathlib import Path

from reader.atomic import atomic_output
from reader.speech.quiet import silenced_stderr
from reader.speech.settings import MAX_SPEED, MIN_SPEED, OfflineTTSError

PROGRAM = "espeak-ng"
BASE_WPM = 175  # espeak-ng's default rate; speed 1.0
PROGRAM_TIMEOUT_S = 60.0

# espeak_AUDIO_OUTPUT, espeak_PARAMETER, espeak_POSITION_TYPE and flags from speak_lib.h
_AUDIO_OUTPUT_SYNCHRONOUS = 2
_ESPEAK_RATE = 1
_POS_CHARACTER = 1
_CHARS_UTF8 = 1
_EE_OK = 0


class _Voice(ctypes.Structure):
    _fields_ = [
        ("name", ctypes.c_char_p),
        ("languages", ctypes.c_char_p),
        ("identifier", ctypes.c_char_p),
        ("gender", ctypes.c_ubyte),
        ("age", ctypes.c_ubyte),
        ("variant", ctypes.c_ubyte),
        ("xx1", ctypes.c_ubyte),
        ("score", ctypes.c_int),
        ("spare", ctypes.c_void_p),
    ]


_SynthCallback = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p
)


def wpm_for(speed: float) -> int:
    """Words per minute for a listening speed (0.5-2.0 around eSpeak's default of 175)."""
    speed = min(max(speed, MIN_SPEED), MAX_SPEED)
    return max(80, min(450, round(BASE_WPM * speed)))


def program_path() -> str | None:
    return shutil.which(PROGRAM)


def synthesize_espeak(
    text: str,
    out_path: Path,
    *,
    voice: str = "en-us",
    speed: float = 1.0,
    use_program: bool | None = None,
) -> None:
    """Write ``text`` spoken by eSpeak NG to ``out_path`` (WAV), or raise OfflineTTSError.

    ``use_program``: None picks the program when it is on PATH, else the library; True/False
    force one (tests use False to exercise the library on machines that have the program).
    """
    if not text.strip():
        raise OfflineTTSError("nothing to say")
    exe = program_path()
    if use_program is None:
        use_program = exe is not None
    with atomic_output(out_path) as tmp:
        if use_program:
            if exe is None:
                raise OfflineTTSError(f"{PROGRAM} is not installed")
            _run_program(exe, text, tmp, voice=voice, wpm=wpm_for(speed))
        else:
            _library().synthesize(text, tmp, voice=voice, wpm=wpm_for(speed))


def _run_program(exe: str, text: str, out: Path, *, voice: str, wpm: int) -> None:
    # Text goes in on stdin so a sentence starting with "-" is never taken for an option.
    cmd = [exe, "-b", "1", "-v", voice, "-s", str(wpm), "-w", str(out), "--stdin"]
    try:
        proc = subprocess.run(
            cmd,
            input=text.encode("utf-8"),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            timeout=PROGRAM_TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise OfflineTTSError(f"{PROGRAM} took longer than {PROGRAM_TIMEOUT_S:.0f} s") from exc
    except OSError as exc:
        raise OfflineTTSError(f"cannot run {PROGRAM}: {exc}") from exc
    err = proc.stderr.decode("utf-8", "replace").strip()
    if proc.returncode != 0:
        detail = err.splitlines()[0] if err else f"exit status {proc.returncode}"
        raise OfflineTTSError(f"{PROGRAM} failed: {detail}")
    if err and "does not exist" in err:  # unknown voice: espeak-ng says so but exits 0
        raise OfflineTTSError(f"{PROGRAM}: {err.splitlines()[0]}")


class _Library:
    """libespeak-ng loaded once per process from the espeakng-loader wheel."""

    def __init__(self) -> None:
        try:
            import espeakng_loader
        except ImportError as exc:
            raise OfflineTTSError(
                f"{PROGRAM} is not installed and the espeakng-loader package is missing"
            ) from exc
        try:
            lib_path = str(espeakng_loader.get_library_path())
            data_path = str(espeakng_loader.get_data_path())
            self.lib = ctypes.CDLL(lib_path)
        except (OSError, RuntimeError) as exc:
            raise OfflineTTSError(f"cannot load libespeak-ng: {exc}") from exc
        lib = self.lib
        lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
        lib.espeak_Initialize.restype = ctypes.c_int
        lib.espeak_SetSynthCallback.argtypes = [_SynthCallback]
        lib.espeak_SetSynthCallback.restype = None
        lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        lib.espeak_SetVoiceByName.restype = ctypes.c_int
        lib.espeak_SetVoiceByProperties.argtypes = [ctypes.POINTER(_Voice)]
        lib.espeak_SetVoiceByProperties.restype = ctypes.c_int
        lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
        lib.espeak_SetParameter.restype = ctypes.c_int
        lib.espeak_Synth.argtypes = [
            ctypes.c_void_p,
            ctypes.c_size_t,
            ctypes.c_uint,
            ctypes.c_int,
            ctypes.c_uint,
            ctypes.c_uint,
            ctypes.c_void_p,
            ctypes.c_void_p,
        ]
        lib.espeak_Synth.restype = ctypes.c_int
        lib.espeak_Synchronize.argtypes = []
        lib.espeak_Synchronize.restype = ctypes.c_int
        with silenced_stderr():
            rate = lib.espeak_Initialize(_AUDIO_OUTPUT_SYNCHRONOUS, 0, data_path.encode("utf-8"), 0)
        if rate <= 0:
            raise OfflineTTSError(f"libespeak-ng could not start (voice data at {data_path})")
        self.sample_rate = rate
        self._chunks: list[bytes] = []
        # Keep a reference: ctypes callbacks are freed when garbage-collected.
        self._callback = _SynthCallback(self._collect)
        lib.espeak_SetSynthCallback(self._callback)
        self.lock = threading.Lock()

    def _collect(self, wav: ctypes._Pointer[ctypes.c_short], numsamples: int, _e: int) -> int:
        if wav and numsamples > 0:
            self._chunks.append(ctypes.string_at(wav, numsamples * 2))
        return 0  # 0 = carry on

    def _set_voice(self, voice: str) -> bool:
        """By name, else by language, as the program does: "en-gb" is a language, not a name."""
        name = voice.encode("utf-8")
        if self.lib.espeak_SetVoiceByName(name) == _EE_OK:
            return True
        spec = _Voice(languages=name)
        return bool(self.lib.espeak_SetVoiceByProperties(ctypes.byref(spec)) == _EE_OK)

    def synthesize(self, text: str, out: Path, *, voice: str, wpm: int) -> None:
        data = text.encode("utf-8") + b"\0"
        with self.lock, silenced_stderr():
            if not self._set_voice(voice):
                raise OfflineTTSError(f"libespeak-ng has no voice {voice!r}")
            self.lib.espeak_SetParameter(_ESPEAK_RATE, wpm, 0)
            self._chunks = []
            buf = ctypes.create_string_buffer(data, len(data))
            status = self.lib.espeak_Synth(
                buf, len(data), 0, _POS_CHARACTER, 0, _CHARS_UTF8, None, None
            )
            self.lib.espeak_Synchronize()
            chunks, self._chunks = self._chunks, []
        if status != _EE_OK:
            raise OfflineTTSError(f"libespeak-ng failed to synthesize (error {status})")
        with wave.open(str(out), "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(self.sample_rate)
            wav.writeframes(b"".join(chunks))


_lib_instance: _Library | None = None
_lib_guard = threading.Lock()


def _library() -> _Library:
    global _lib_instance
    with _lib_guard:
        if _lib_instance is None:
            _lib_instance = _Library()
        return _lib_instance
