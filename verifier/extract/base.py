"""What a claim kind declares: its name, its finder, its rank in overlaps, its examples."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..document import Document
from ..records import Claim


@dataclass(frozen=True)
class Kind:
    """A claim kind; `examples` are (sentence, claim text expected or None) pairs the tests run."""

    name: str
    find: Callable[[Document], Iterable[Claim]]
    rank: int  # where two kinds claim overlapping text, the higher rank wins
    judged_as: tuple[str, ...]  # the value types of facts this kind is checked against
    judge: str | None  # the module of verifier.judge that judges it; None: reported, not judged
    examples: tuple[tuple[str, str | None], ...]
