"""Regex alternations of word lists, factored as a character trie.

A plain alternation ("january|june|july|...") makes `re` try every word at every
position; factored by shared prefixes ("j(?:anuary|u(?:ne|ly))") it tries one
branch per character, which is what makes a scan of big word lists fast.

The factored pattern matches exactly what the plain longest-first alternation
matches, backtracking included: where one word is a prefix of another, the longer
is tried first; words that are not prefix-related never match at the same place,
so the order of sibling branches does not matter. Three cases would break that
and keep the plain alternation: words that are prefix-related only when case is
ignored ("us" and "US$"), words holding whitespace other than a space (the space
matches any whitespace, `\\s+`), and words with two spaces in a row (a shared `\\s+`
takes all the blanks before the branch that needs some of them is tried).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

SPACE = r"\s+"  # what a space between the words of a phrase matches
_END = ""  # the key of a trie node that ends a word


def plain(words: Iterable[str]) -> str:
    """The plain alternation: longest first, a space matching any whitespace."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", SPACE) for w in ordered)


def trie(words: Iterable[str]) -> str:
    """The alternation of `words` factored by prefix; the plain one where factoring could change a match."""
    words = sorted(set(words))
    if not words or not _factorable(words):
        return plain(words)
    return _render(_trie(words))


def leading(words: Iterable[str]) -> str:
    """What `\\b(?:trie(words))` matches in lower-case text, written to begin with the class of the words' first
    letters: `re` then skips in C to those letters and tries the rest only there, where a pattern that begins with
    `\\b` is tried at every position. After the first letter, a look back checks that no word character comes
    before it, and each branch which letter it was. For lower-case words that begin with a word character."""
    words = sorted(set(words))
    if not words or not all(w == w.lower() and re.match(r"\w", w) for w in words):
        raise ValueError(f"leading() takes lower-case words that begin with a word character: {words[:5]!r}")
    if not _factorable(words):
        return rf"\b(?:{plain(words)})"
    root = _trie(words)
    branches = "|".join(f"(?<={first}){_render(child)}" for first, child in sorted(root.items()))
    return rf"[{''.join(sorted(root))}](?<!\w.)(?:{branches})"


def _trie(words: list[str]) -> dict:
    root: dict = {}
    for word in words:
        node = root
        for unit in _units(word):
            node = node.setdefault(unit, {})
        node[_END] = {}
    return root


# What re.escape makes of each character it escapes (it leaves the others as they are), and the space.
_UNIT = {ch: re.escape(ch) for ch in "()[]{}?*+-|^$\\.&~#\t\n\r\v\f"} | {" ": SPACE}


def _units(word: str) -> list[str]:
    return [_UNIT.get(ch, ch) for ch in word]


def _folded(word: str) -> str:
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in word)


def _factorable(words: list[str]) -> bool:
    """Whether no word holds other whitespace or two blanks in a row, and no two words are prefix-related
    only without case."""
    if any(ch.isspace() and ch != " " for word in words for ch in word) or any("  " in word for word in words):
        return False  # two blanks in a row: the first \s+, shared and greedy, would leave the second nothing
    if all(word == word.lower() for word in words):
        return True  # each word is its own folded form: prefixes without case are prefixes
    by_fold: dict[str, list[str]] = {}
    for word in words:
        by_fold.setdefault(_folded(word), []).append(word)
    for key, same in by_fold.items():
        if len(same) > 1:
            return False  # "rs" and "Rs": which is tried first would depend on the order of branches
        for length in range(1, len(key)):
            for shorter in by_fold.get(key[:length], ()):
                if not same[0].startswith(shorter):
                    return False
    return True


def _render(node: dict) -> str:
    """The pattern for every suffix below `node`, longer suffixes first."""
    chain = []
    while len(node) == 1 and _END not in node:  # a run of letters with no branch: written as it is
        (unit, node), = node.items()
        chain.append(unit)
    if len(node) == 1:  # only the end of a word
        return "".join(chain)
    branches = [(unit, child) for unit, child in sorted(node.items()) if unit != _END]
    leaves = [unit for unit, child in branches if len(child) == 1 and _END in child and unit != SPACE]
    parts = [unit + _render(child) for unit, child in branches if unit not in leaves]
    if len(leaves) == 1:
        parts.append(leaves[0])
    elif leaves:
        parts.append("[" + "".join(leaves) + "]")
    if _END not in node:
        rest = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
    elif len(parts) == 1 and _atomic(parts[0]):
        rest = parts[0] + "?"
    else:
        rest = "(?:" + "|".join(parts) + ")?"
    return "".join(chain) + rest


def _atomic(part: str) -> bool:
    """Whether `?` after `part` applies to all of it: one character, an escaped one, or a class."""
    return len(part) == 1 or (len(part) == 2 and part[0] == "\\") or (
        part.startswith("[") and part.endswith("]") and part.count("[") == 1)
