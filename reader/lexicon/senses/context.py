"""The sentence a word is glossed in, as the sense ranker sees it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from reader.lexicon.senses.discourse import TextEvidence


class Token(Protocol):
    """Anything with a lemma and a UPOS tag: the reader's token rows, for instance."""

    @property
    def lemma(self) -> str: ...

    @property
    def pos(self) -> str: ...


@dataclass(frozen=True)
class SenseContext:
    """A sentence's word lemmas (lowercased) and UPOS tags, and which tokens are being glossed.

    ``target`` holds the token indexes of the word or multi-word term whose senses are ranked;
    the other tokens are its context. Punctuation may stay in, so indexes match the caller's.
    ``forms`` are the tokens as written, when known: a word written in lower case is a common
    word, whatever WordNet lists under its spelling.
    """

    lemmas: tuple[str, ...]
    pos: tuple[str, ...]
    target: tuple[int, ...]
    forms: tuple[str, ...] = ()
    text: TextEvidence | None = None
    """What the whole text says (:mod:`reader.lexicon.senses.discourse`), when it is known."""

    @classmethod
    def of_tokens(
        cls, tokens: Sequence[Token], target: Iterable[int], text: TextEvidence | None = None
    ) -> SenseContext:
        """From the reader's token rows (``reader.learn.texts.TokenRow``) or anything like them."""
        return cls(
            tuple((t.lemma or "").lower() for t in tokens),
            tuple(t.pos or "X" for t in tokens),
            tuple(target),
            tuple(str(getattr(t, "text", "") or "") for t in tokens),
            text,
        )

    @classmethod
    def of_analyzed(
        cls, tokens: Sequence[Mapping[str, Any]], target: Iterable[int]
    ) -> SenseContext:
        """From one sentence's ``tokens`` in ``reader.text.analyze`` output."""
        return cls(
            tuple(str(t.get("lemma") or t.get("text") or "").lower() for t in tokens),
            tuple(str(t.get("pos") or "X") for t in tokens),
            tuple(target),
            tuple(str(t.get("text") or "") for t in tokens),
        )

    def retarget(self, target: Iterable[int]) -> SenseContext:
        """The same sentence, glossing other tokens: one context serves every word in it."""
        return SenseContext(self.lemmas, self.pos, tuple(target), self.forms, self.text)

    @property
    def target_pos(self) -> str | None:
        """The tag of the glossed word (a term's first token)."""
        return self.pos[self.target[0]] if self.target else None

    @property
    def written_lower(self) -> bool | None:
        """Is the glossed word written in lower case here (None when the forms are unknown)?"""
        if not self.target or len(self.forms) <= self.target[0] or not self.forms[self.target[0]]:
            return None
        first = self.forms[self.target[0]]
        return first[:1].islower()

    def context_lemmas(self) -> list[str]:
        """The lemmas around the glossed tokens, the glossed ones left out."""
        skip = set(self.target)
        return [lemma for i, lemma in enumerate(self.lemmas) if i not in skip and lemma]
