"""How a name joins an entity's names: the one rule every writer follows, so import order never matters.

Of two spellings of one name (equal once normalised) the first in sort order stays, unless the other is the
entity's own name; a name a curator writes, or a demonym, replaces a name made from an office's parts.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from .models import AliasForm
from .text import normalise


class Named(Protocol):
    text: str
    form: AliasForm


def merge(known: dict[str, Named], entity_name: str, name: str, form: AliasForm,
          make: Callable[[str, str, AliasForm], Named]) -> None:
    """Give the entity named `entity_name`, whose names by norm are `known`, the name `name` of `form`:
    a new one is `make(text, norm, form)` and joins `known`, a known one may change its text or form."""
    norm = normalise(name)
    if not norm:
        return
    alias = known.get(norm)
    if alias is None:
        known[norm] = make(name, norm, form)
    elif alias.form == AliasForm.GENERATED or form == AliasForm.DEMONYM:
        alias.form, alias.text = form, name
    elif name < alias.text and alias.text != entity_name:
        alias.text = name
