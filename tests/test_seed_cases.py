"""The shared development cases: the seed article and its mutated copy against the bundled store."""

import json

import pytest

from verifier.cli import main
from verifier_support import SHARED

EXPECTED = SHARED / "cases" / "seed-expected.json"
CASES = json.loads(EXPECTED.read_text(encoding="utf-8"))["cases"] if EXPECTED.exists() else []
pytestmark = pytest.mark.skipif(not EXPECTED.exists(), reason=f"{EXPECTED} is absent (../shared not laid out here)")


def _overlaps(claim, start, end):
    return claim["start"] < end and start < claim["end"]


@pytest.fixture(scope="module", params=CASES, ids=[c["file"] for c in CASES])
def case(request, tmp_path_factory):
    spec = request.param
    path = SHARED / spec["file"]
    output = tmp_path_factory.mktemp("report") / "report.json"
    code = main(["check", str(path), "--as-of", spec["as_of"], "--format", "json", "-o", str(output)])
    report = json.loads(output.read_text(encoding="utf-8"))
    return spec, path.read_text(encoding="utf-8"), report, code


def test_exit_code(case):
    spec, _, _, code = case
    assert code == spec["exit_code"]


def test_expected_verdicts(case):
    spec, text, report, _ = case
    claims = report["files"][0]["claims"]
    for expect in spec["expect"]:
        start = text.index(expect["quote"])
        end = start + len(expect["quote"])
        hits = [c for c in claims if _overlaps(c, start, end)]
        assert hits, f"no claim over {expect['quote']!r}"
        verdicts = {c["verdict"] for c in hits}
        if "verdict" in expect:
            assert expect["verdict"] in verdicts, (expect["quote"], [(c["text"], c["verdict"], c["reason"]) for c in hits])
        for banned in expect.get("not", []):
            assert banned not in verdicts, (expect["quote"], [(c["text"], c["reason"]) for c in hits])


def test_no_claim_inside_names(case):
    spec, text, report, _ = case
    claims = report["files"][0]["claims"]
    for quote in spec["no_claim"]:
        start = text.index(quote)
        assert not [c["text"] for c in claims if _overlaps(c, start, start + len(quote))], quote


def test_every_verdict_but_unverified_names_its_fact(case):
    _, _, report, _ = case
    for claim in report["files"][0]["claims"]:
        if claim["verdict"] != "unverified":
            assert claim["fact"] and claim["fact"]["source"]["url"], claim
        if claim["verdict"] == "conflicting":
            assert claim["suggestion"], claim
