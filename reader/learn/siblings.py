"""Sibling cards kept apart in a review session.

A term has three cards (recognition, cloze, production) on the same sentence: shown one after
another, the second and third are answered from the first, not from memory. Anki buries
siblings until the next day; a session here shows them all, but spread as far apart as the queue
allows and never two of one term in a row. A listening card has no term: its siblings are the
cards of its sentence (hearing the sentence right after reading it in a cloze is no test).

Siblings are grouped transitively (a term's cards and its sentence's listening card are one
group), and the queue is dealt round-robin over the groups in the order they first appear: every
group's first card, then every group's second, and so on. The queue's own priority (most
overdue first, new cards the easy way round) decides the order within each round.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Protocol, TypeVar


class CardLike(Protocol):
    @property
    def term_key(self) -> str | None: ...
    @property
    def drill(self) -> str: ...
    @property
    def text_sha256(self) -> str | None: ...
    @property
    def sentence_start(self) -> int | None: ...
    @property
    def sentence_end(self) -> int | None: ...
    @property
    def sentence(self) -> str: ...


C = TypeVar("C", bound=CardLike)


def are_siblings(a: CardLike, b: CardLike) -> bool:
    if a.term_key and b.term_key:
        return a.term_key == b.term_key
    if a.drill != "listening" and b.drill != "listening":
        return False
    return _sentence(a) == _sentence(b)


def _sentence(card: CardLike) -> Hashable:
    if card.text_sha256 is None:
        return card.sentence
    return (card.text_sha256, card.sentence_start, card.sentence_end)


def spread(cards: Sequence[C]) -> list[C]:
    """``cards`` reordered so siblings are as far apart as possible (see the module's doc)."""
    groups = _groups(cards)
    rounds: dict[int, list[int]] = {}  # group -> its cards' positions, in queue order
    order: list[int] = []  # groups in the order they first appear
    for position, group in enumerate(groups):
        if group not in rounds:
            rounds[group] = []
            order.append(group)
        rounds[group].append(position)
    dealt: list[C] = []
    depth = 0
    while len(dealt) < len(cards):
        for group in order:
            members = rounds[group]
            if depth < len(members):
                dealt.append(cards[members[depth]])
        depth += 1
    return _no_two_in_a_row(dealt)


def _groups(cards: Sequence[CardLike]) -> list[int]:
    """A group number per card: siblings, directly or through others, share one. A term card
    joins its sentence's group only when a listening card of that sentence is in the queue, so
    two words learned from one sentence stay two groups."""
    heard = {_sentence(c) for c in cards if c.drill == "listening" or not c.term_key}
    keyed: list[list[Hashable]] = []
    for card in cards:
        if card.drill == "listening" or not card.term_key:
            keyed.append([("sentence", _sentence(card))])
        elif _sentence(card) in heard:
            keyed.append([("term", card.term_key), ("sentence", _sentence(card))])
        else:
            keyed.append([("term", card.term_key)])
    parent: dict[Hashable, Hashable] = {}

    def find(key: Hashable) -> Hashable:
        while parent.setdefault(key, key) != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for keys in keyed:
        for other in keys[1:]:
            parent[find(other)] = find(keys[0])
    numbers: dict[Hashable, int] = {}
    return [numbers.setdefault(find(keys[0]), len(numbers)) for keys in keyed]


def _no_two_in_a_row(cards: list[C]) -> list[C]:
    """The tail of a round-robin can leave one group's cards together (one term with more cards
    than any other): move each such card to the first place where it sits between strangers."""
    result = list(cards)
    index = 1
    while index < len(result):
        if are_siblings(result[index], result[index - 1]):
            card = result.pop(index)
            spot = _free_spot(result, card)
            result.insert(spot if spot is not None else index, card)
            if spot is None:
                index += 1
                continue
        index += 1
    return result


def _free_spot(cards: Sequence[CardLike], card: CardLike) -> int | None:
    for spot in range(len(cards) + 1):
        before = cards[spot - 1] if spot > 0 else None
        after = cards[spot] if spot < len(cards) else None
        if before is not None and are_siblings(before, card):
            continue
        if after is not None and are_siblings(after, card):
            continue
        return spot
    return None
