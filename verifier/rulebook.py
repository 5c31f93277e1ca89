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

# The as-of date of examples about the fictional ferry disaster, after its toll was revised to 41.
FERRY = "2025-01-10"

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
    as_of: str | None = "2025-06-26"  # None: the draft's own date (front matter, dateline) decides


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


def load() -> list[Rule]:
    """Every rule, once the modules that declare them are imported (linking and judging)."""
    import verifier.judge  # noqa: F401  (imports verifier.link and the judges of the numeric and date kinds)
    import verifier.judge.role  # noqa: F401  (the role judge is called by the checker, not through JUDGES)

    return ordered()


def markdown() -> str:
    """The rule book as a Markdown table (the README's list is this, kept in sync by a test)."""
    lines = ["| phase | rule | what it decides |", "| --- | --- | --- |"]
    lines += [f"| {r.phase} | `{r.id}` | {r.doc.replace('|', '/')} |" for r in load()]
    return "\n".join(lines) + "\n"


def describe(rule_id: str) -> str:
    """One rule with its examples, for `verifier rules ID`."""
    rule = {r.id: r for r in load()}.get(rule_id)
    if rule is None:
        raise KeyError(rule_id)
    lines = [f"{rule.id} ({rule.phase})", f"  {rule.doc}"]
    for way, examples in (("fires on", rule.fires), ("does not fire on", rule.quiet)):
        lines += [f"  {way}: \"{e.text}\" ({e.quote!r}, as of {e.as_of})" for e in examples]
    return "\n".join(lines) + "\n"
