"""Rule ids and severities: every finding is a verdict on a kind of claim, e.g. `conflicting-quantity`.

Ids are stable (config keys, suppression comments and baselines name them);
severities are defaults that configuration can change per rule and per path.
"""

from __future__ import annotations

from dataclasses import dataclass

from .extract.registry import KINDS
from .records import Verdict

SEVERITIES = ("error", "warning", "note")
DEFAULT_SEVERITY = {Verdict.CONFLICTING: "error", Verdict.UNVERIFIED: "warning", Verdict.CONSISTENT: "note"}
_MEANING = {
    Verdict.CONFLICTING: ("contradicts the reference store",
                          "The claim's figure, date or name differs from the fact in the reference store that surely "
                          "applies to it. The finding names the fact, its source and a suggested correction."),
    Verdict.UNVERIFIED: ("could not be checked against the reference store",
                         "No fact of the reference store surely applies to the claim, or its wording is too vague "
                         "to judge. Check it by hand, or add the fact to the store (see `verifier check --todo`)."),
    Verdict.CONSISTENT: ("agrees with the reference store",
                         "The claim agrees with the fact it names; the finding records the evidence."),
}


@dataclass(frozen=True)
class Rule:
    id: str
    verdict: Verdict
    kind: str
    short: str
    full: str

    @property
    def default_severity(self) -> str:
        return DEFAULT_SEVERITY[self.verdict]


def rule_id(verdict: Verdict, kind: str) -> str:
    return f"{verdict.value}-{kind}"


RULES: dict[str, Rule] = {
    rule_id(verdict, kind.name): Rule(rule_id(verdict, kind.name), verdict, kind.name,
                                      f"{'An' if kind.name[0] in 'aeiou' else 'A'} {kind.name} claim that "
                                      f"{_MEANING[verdict][0]}", _MEANING[verdict][1])
    for verdict in Verdict for kind in KINDS
}
