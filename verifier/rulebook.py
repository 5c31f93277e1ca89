"""The rule book: every linking and judging rule as a named value with its examples.

A rule's id says where it acts and what it decides (`link.subject.antecedent`,
`judge.veto.reported-speech`): the part before the last dot is its phase. Every
verdict names the rule that decided it (`Judgement.decided_by`) and the rules that
shaped it on the way (`Judgement.trace`), so a report can say why, configuration and
benchmarks can count by rule, and each rule is tested on its own examples: on every
`fires` example the rule is in the quoted claim's trace, on every `quiet` one it is not.

The examples are sentences about the tests' fictional world (tests/data/world.jsonl),
so they never depend on the bundled store's real facts.
"""

from __future__ import annotations

from dataclasses import dataclass

# The phases in the order the engine applies them; a rule's id starts with its phase.
PHASES = (
    "link.none",       # no candidate fact: why the claim cannot be linked
    "link.subject",    # which entity the claim is about
    "link.predicate",  # what the figure measures
    "link.time",       # when the value holds
    "judge.quantity", "judge.date", "judge.duration", "judge.role",  # comparing the value with the fact
    "judge.pick",      # which candidate's comparison stands
    "judge.veto",      # doubts that turn a conflict (or a match) into unverified
)


@dataclass(frozen=True)
class Example:
    """A sentence, the claim in it the example is about, and the date the draft speaks from."""

    text: str
    quote: str
    as_of: str = "2025-06-26"


@dataclass(frozen=True)
class Rule:
    """A named rule: its id, a one-line doc (what it decides and why), and its examples."""

    id: str
    doc: str
    fires: tuple[Example, ...] = ()
    quiet: tuple[Example, ...] = ()

    @property
    def phase(self) -> str:
        return self.id.rsplit(".", 1)[0]


class RuleError(Exception):
    """A rule declared twice, or in no known phase."""


RULES: dict[str, Rule] = {}


def declare(*rules: Rule) -> None:
    """Register a module's rules (each module calls this once, for all the rules it defines)."""
    for rule in rules:
        if rule.phase not in PHASES:
            raise RuleError(f"rule {rule.id!r}: phase {rule.phase!r} is not one of {', '.join(PHASES)}")
        if rule.id in RULES and RULES[rule.id] is not rule:
            raise RuleError(f"rule {rule.id!r} is declared twice")
        RULES[rule.id] = rule


def ordered() -> list[Rule]:
    """Every registered rule, by phase then id."""
    return sorted(RULES.values(), key=lambda r: (PHASES.index(r.phase), r.id))
