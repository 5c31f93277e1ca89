"""Linking: each claim to the facts it speaks of (see `linker`), by named rules (see `rules`)."""

from .linker import Linker, link_role
from .records import Candidate, Evidence, Link, RoleLink
from .rules import BASELINE
from .text import is_age

__all__ = ["BASELINE", "Candidate", "Evidence", "Link", "Linker", "RoleLink", "is_age", "link_role"]
