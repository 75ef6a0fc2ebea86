"""Why a machine translation could not be had, in one line fit for the screen."""

from __future__ import annotations

OFFLINE = "offline"
TIMEOUT = "timeout"
RATE_LIMITED = "rate_limited"
MALFORMED = "malformed"
REFUSED = "refused"
NOT_SET = "not_set"


class TranslationError(Exception):
    """A service gave no translation. ``kind`` is one of the constants above; ``network`` says
    whether it is worth waiting before trying again (offline, timeout, rate limit)."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(" ".join(message.split()))
        self.kind = kind

    @property
    def network(self) -> bool:
        return self.kind in (OFFLINE, TIMEOUT, RATE_LIMITED)
