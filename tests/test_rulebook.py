"""The rule book: every linking and judging rule is registered, has examples, and does what they say."""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from claims_db.query import Reader

import verifier.judge
import verifier.link
from verifier import rulebook
from verifier.rulebook import Rule
from verifier_support import build_world, check

# Every module of the linking and judging packages, so a rule defined in a new one cannot be missed.
MODULES = ("verifier.judge", *(m.name for package in (verifier.link, verifier.judge)
                               for m in pkgutil.iter_modules(package.__path__, f"{package.__name__}.")))
UNEXAMPLED = {"judge.pick.not-judged"}  # every kind has a judge today, so nothing can reach it


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    reader = Reader(build_world(tmp_path_factory.mktemp("world")))
    yield reader
    reader.close()


def _defined() -> list[Rule]:
    found = []
    for name in sorted(MODULES):
        module = importlib.import_module(name)
        found += [v for v in vars(module).values() if isinstance(v, Rule)]
        found += [veto.rule for veto in getattr(module, "VETOES", ())]
    return found


def test_every_rule_defined_is_registered():
    missing = [r.id for r in _defined() if rulebook.RULES.get(r.id) is not r]
    assert missing == []


def test_every_rule_has_examples_both_ways():
    lacking = [r.id for r in rulebook.ordered() if r.id not in UNEXAMPLED and not (r.fires and r.quiet)]
    assert lacking == []


def test_rule_ids_name_their_phase():
    assert all(r.id.startswith(r.phase + ".") and r.phase in rulebook.PHASES for r in rulebook.ordered())


def test_a_rule_declared_twice_is_refused():
    rule = rulebook.ordered()[0]
    with pytest.raises(rulebook.RuleError, match="declared twice"):
        rulebook.declare(Rule(rule.id, "a copy"))


CASES = [(rule.id, "fires", ex) for rule in rulebook.ordered() for ex in rule.fires] + \
        [(rule.id, "quiet", ex) for rule in rulebook.ordered() for ex in rule.quiet]


@pytest.mark.parametrize("rule_id, way, example", CASES,
                         ids=[f"{r}-{w}-{i}" for i, (r, w, _) in enumerate(CASES)])
def test_rule_example(world, rule_id, way, example):
    judgements = check(world, example.text, example.as_of)
    found = [j for j in judgements if example.quote in j.claim.text or j.claim.text in example.quote]
    assert found, f"no claim for {example.quote!r}; claims: {[j.claim.text for j in judgements]}"
    trace = found[0].trace
    assert found[0].decided_by in trace
    if way == "fires":
        assert rule_id in trace, (found[0].verdict, found[0].reason, trace)
    else:
        assert rule_id not in trace, (found[0].verdict, found[0].reason, trace)


def test_the_rule_book_lists_every_rule_defined():
    assert {r.id for r in rulebook.load()} == {r.id for r in _defined()}
