"""The CI formats (sarif, github, junit, rdjson, claimreview) on a real run against the test world store."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from claims_db.query import Reader
from verifier import __version__
from verifier.cli import main
from verifier.config import load
from verifier.report import FINDINGS_ONLY, FORMATS, render
from verifier.report.github import escape_data, escape_property
from verifier.report.sarif import message
from verifier.rules import RULES
from verifier.run import execute
from verifier_support import build_world

CI_FORMATS = ("sarif", "github", "junit", "rdjson", "claimreview")
SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
TODAY = dt.date(2025, 6, 30)
FRONT = "---\ndate: 2025-01-10\n---\n"
FERRY = "desk/ferry.md"
# A path with ':', ',' and '%', which workflow command properties must escape.
HERON = "desk/heron: 100%, final.md"
DRAFTS = {
    FERRY: FRONT + (
        "Port Aldmere, Jan 10 (Test Wire) The Aldmere ferry disaster – the worst in decades – killed 1,044 people, "
        "officials said.\n"
        "Valdorian Defence Minister Oren Talvik visited the port. Some 30 volunteers helped.\n"
        "<!-- verifier: disable-next-line conflicting-date -->\n"
        "Nothing to check here.\n"),
    # The reason of "9 sites" holds ':' and ','; "100%" and "5%" hold '%'.
    HERON: FRONT + "Operation Grey Heron hit 9 sites: 100% of targets, officials said, citing a 5% margin.\n",
}
SPLIT = "desk/split.md"  # a claim across a line break
SPLIT_TEXT = FRONT + "The Aldmere ferry disaster killed 44\npeople, officials said.\n"


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> str:
    return build_world(tmp_path_factory.mktemp("world"))


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory) -> Path:
    """A directory of drafts; runs use paths relative to it, as CI does from a checkout."""
    root = tmp_path_factory.mktemp("newsroom")
    for name, text in {**DRAFTS, SPLIT: SPLIT_TEXT}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def run(world: str, root: Path, paths: list[str], config_path: Path | None = None, show_consistent: bool = True):
    reader = Reader(world)
    try:
        with contextlib.chdir(root):
            return execute(paths, load(config_path), reader, TODAY, show_consistent=show_consistent)
    finally:
        reader.close()


@pytest.fixture(scope="module")
def result(world, newsroom):
    return run(world, newsroom, [FERRY, HERON])


def finding_of(result, text: str):
    return next(f for f in result.findings() if f.judgement.claim.text == text)


def test_the_run_holds_every_case_the_formats_must_show(result):
    verdicts = {f.judgement.claim.text: f.verdict.value for f in result.findings()}
    assert verdicts["1,044 people"] == verdicts["9 sites"] == "conflicting"
    assert verdicts["Some 30 volunteers"] == verdicts["100%"] == "unverified"
    assert verdicts["Valdorian Defence Minister Oren Talvik"] == "consistent"
    reason = finding_of(result, "9 sites").judgement.reason
    assert ":" in reason and "," in reason
    notices = [n.message for n in result.files[0].notices]
    assert notices == ["unused suppression: no finding of conflicting-date on line 7"]


def test_formats_are_listed_after_text_and_json():
    assert FORMATS[:2] == ("text", "json")
    assert set(CI_FORMATS) <= set(FORMATS)


@pytest.mark.parametrize("fmt", CI_FORMATS)
def test_output_is_deterministic_and_tied_to_no_machine(fmt, world, newsroom, result):
    first = render(fmt, result)
    assert render(fmt, result) == first
    assert render(fmt, run(world, newsroom, [FERRY, HERON])) == first  # a fresh run, the same bytes
    assert str(newsroom) not in first and world not in first  # no absolute path, not even the store's


@pytest.mark.parametrize("fmt", CI_FORMATS)
def test_absolute_paths_become_relative_with_forward_slashes(fmt, world, newsroom, result):
    absolute = run(world, newsroom, [str(newsroom / FERRY), str(newsroom / HERON)])
    with contextlib.chdir(newsroom):
        assert render(fmt, absolute) == render(fmt, result)


# -- sarif ---------------------------------------------------------------------
@pytest.fixture(scope="module")
def sarif(result) -> dict:
    return json.loads(render("sarif", result))


def test_sarif_is_valid_against_the_official_schema(sarif):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-04/schema#"  # the draft the schema declares
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(sarif), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])


def test_sarif_driver_lists_every_rule_as_code_scanning_needs(sarif):
    assert sarif["version"] == "2.1.0"
    (run_,) = sarif["runs"]
    driver = run_["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("claim-verifier", __version__)
    assert [r["id"] for r in driver["rules"]] == list(RULES)
    for descriptor in driver["rules"]:
        rule = RULES[descriptor["id"]]
        assert descriptor["shortDescription"]["text"] == rule.short
        assert descriptor["fullDescription"]["text"] == rule.full
        assert descriptor["help"]["text"] and descriptor["help"]["markdown"]
        assert descriptor["defaultConfiguration"]["level"] == rule.default_severity


def test_sarif_results_carry_rule_level_message_location_and_fingerprint(sarif, result):
    (run_,) = sarif["runs"]
    rules = run_["tool"]["driver"]["rules"]
    findings = result.findings()
    assert len(run_["results"]) == len(findings)
    for item, finding in zip(run_["results"], findings):
        assert item["ruleId"] == finding.rule.id == rules[item["ruleIndex"]]["id"]
        assert item["level"] == finding.severity
        assert item["message"]["text"] == message(finding)
        location = item["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] in ("desk/ferry.md", "desk/heron%3A%20100%25%2C%20final.md")
        region = location["region"]
        assert (region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]) == (
            finding.line, finding.column, finding.end_line, finding.end_column)
        assert item["partialFingerprints"] == {"claimFingerprint/v1": finding.fingerprint}
        assert ("fixes" in item) == bool(finding.judgement.suggestion)


def test_sarif_message_names_claim_verdict_fact_source_reason_and_suggestion(sarif):
    (run_,) = sarif["runs"]
    toll = next(r for r in run_["results"] if r["locations"][0]["physicalLocation"]["region"].get("snippet", {})
                .get("text") == "1,044 people")
    text = toll["message"]["text"]
    assert text.startswith('"1,044 people" conflicts with the reference store.')
    for part in ("Port Aldmere ferry disaster: death toll is 41 people", "Test Desk", "Test world: revised toll",
                 "https://example.org/ferry-2", "not 1,044 people", 'Suggestion: "41 people"'):
        assert part in text
    (fix,) = toll["fixes"]
    (replacement,) = fix["artifactChanges"][0]["replacements"]
    assert replacement["insertedContent"]["text"] == "41 people"


def test_sarif_results_name_the_rule_that_decided_them(sarif):
    from verifier.rulebook import load

    known = {r.id for r in load()}
    (run_,) = sarif["runs"]
    for result in run_["results"]:
        decided, trace = result["properties"]["decidedBy"], result["properties"]["trace"]
        assert decided in known and decided in trace and set(trace) <= known


def test_sarif_reports_unused_suppressions_as_notifications(sarif):
    notifications = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert [(n["message"]["text"], n["locations"][0]["physicalLocation"]["region"]["startLine"])
            for n in notifications] == [("unused suppression: no finding of conflicting-date on line 7", 6)]


# -- github --------------------------------------------------------------------
COMMAND = re.compile(r"^::(?P<level>error|warning|notice) (?P<properties>[^:]*)::(?P<message>.*)$")


def unescape(text: str) -> str:
    return re.sub(r"%(25|0D|0A|3A|2C)", lambda m: {"25": "%", "0D": "\r", "0A": "\n", "3A": ":", "2C": ","}[m[1]], text)


def parse_command(line: str) -> tuple[str, dict[str, str], str]:
    match = COMMAND.match(line)
    assert match, f"not a workflow command: {line!r}"
    properties = dict(pair.split("=", 1) for pair in match["properties"].split(","))
    return match["level"], {k: unescape(v) for k, v in properties.items()}, unescape(match["message"])


@pytest.mark.parametrize("function, text, escaped", [
    (escape_data, "100% sure", "100%25 sure"),
    (escape_data, "two\r\nlines", "two%0D%0Alines"),
    (escape_data, "a: b, c", "a: b, c"),
    (escape_data, "%0A stays text", "%250A stays text"),
    (escape_property, "desk/heron: 100%, final.md", "desk/heron%3A 100%25%2C final.md"),
    (escape_property, "x\ny", "x%0Ay"),
], ids=["percent", "newlines", "message-keeps-colon-comma", "escape-is-not-decoded-twice", "property",
        "property-newline"])
def test_github_escaping(function, text, escaped):
    assert function(text) == escaped


def test_github_annotations_are_escaped_and_round_trip(result):
    lines = render("github", result).splitlines()
    findings = {(f.rule.id, f.line, f.column): f for f in result.findings()}
    for line in lines[:-1]:
        level, properties, text = parse_command(line)
        if properties["title"] == "claim-verifier":  # the unused suppression
            assert (level, properties["file"], properties["line"]) == ("notice", FERRY, "6")
            continue
        finding = findings.pop((properties["title"], int(properties["line"]), int(properties["col"])))
        assert properties["file"] in (FERRY, HERON)
        assert (int(properties["endLine"]), int(properties["endColumn"])) == (finding.end_line, finding.end_column)
        assert level == {"error": "error", "warning": "warning", "note": "notice"}[finding.severity]
        assert text == message(finding)
    assert not findings, "every finding has its annotation"
    heron = [line for line in lines if "9 sites" in line][0]
    assert "file=desk/heron%3A 100%25%2C final.md," in heron
    assert "number of targets struck is 7 sites, not 9 sites" in heron  # ':' and ',' stay as they are in the message
    assert '"100%25" could not be verified' in render("github", result)


def test_github_orders_errors_warnings_notices_and_ends_with_a_summary(result):
    lines = render("github", result).splitlines()
    levels = [COMMAND.match(line)["level"] for line in lines[:-1]]
    assert levels == sorted(levels, key=("error", "warning", "notice").index)
    assert levels.count("error") == 2 and levels.count("warning") == 3 and levels.count("notice") == 2
    errors = [line for line in lines if line.startswith("::error")]
    assert "1,044 people" in errors[0] and "9 sites" in errors[1]  # the report's order within a level
    summary = lines[-1]
    assert not summary.startswith("::")
    assert summary == ("claim-verifier: 2 file(s), 6 claim(s): 1 consistent, 2 conflicting, 3 unverified; "
                       "annotations: 2 error(s), 3 warning(s), 2 notice(s)")


def test_github_claim_across_lines_has_no_columns_and_no_raw_newline(world, newsroom):
    output = render("github", run(world, newsroom, [SPLIT]))
    (annotation,) = [line for line in output.splitlines() if line.startswith("::error")]
    _, properties, text = parse_command(annotation)
    assert (properties["line"], properties["endLine"]) == ("4", "5")
    assert "col" not in properties and "endColumn" not in properties
    assert '"44 people" conflicts' in text and 'Suggestion: "41 people"' in text


def test_github_summary_says_so_when_a_level_has_more_than_ten(world, tmp_path):
    draft = tmp_path / "many.md"
    draft.write_text(FRONT + "".join(f"Some {n} volunteers helped.\n" for n in range(20, 32)), encoding="utf-8")
    lines = render("github", run(world, tmp_path, ["many.md"])).splitlines()
    assert sum(line.startswith("::warning") for line in lines) == 12
    assert "GitHub shows 10 of each level" in lines[-1]


# -- junit ---------------------------------------------------------------------
def outcome(case: ET.Element) -> str:
    for child in ("failure", "skipped"):
        if case.find(child) is not None:
            return child
    return "passed"


def test_junit_has_a_suite_per_file_a_case_per_claim_and_matching_counts(result):
    root = ET.fromstring(render("junit", result).encode("utf-8"))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [FERRY, HERON]
    for suite, file in zip(suites, result.files):
        cases = suite.findall("testcase")
        assert len(cases) == len(file.findings) == int(suite.get("tests"))
        outcomes = [outcome(c) for c in cases]
        assert int(suite.get("failures")) == outcomes.count("failure")
        assert int(suite.get("skipped")) == outcomes.count("skipped")
        assert suite.get("errors") == "0"
        for case, finding in zip(cases, file.findings):
            assert case.get("classname") == file.path
            assert case.get("name") == f'{finding.rule.id}: "{finding.judgement.claim.text}" (line {finding.line})'
            assert outcome(case) == {"conflicting": "failure", "unverified": "skipped",
                                     "consistent": "passed"}[finding.verdict.value]
    totals = [c for s in suites for c in s.findall("testcase")]
    assert (int(root.get("tests")), int(root.get("failures")), int(root.get("skipped"))) == (
        len(totals), [outcome(c) for c in totals].count("failure"), [outcome(c) for c in totals].count("skipped"))
    assert "unused suppression" in suites[0].find("system-out").text


def test_junit_failure_carries_the_evidence_and_skips_say_why(result):
    root = ET.fromstring(render("junit", result).encode("utf-8"))
    cases = {c.get("name"): c for c in root.iter("testcase")}
    failure = cases['conflicting-quantity: "9 sites" (line 4)'].find("failure")
    assert failure.get("type") == "conflicting-quantity"
    assert failure.get("message") == "Operation Grey Heron: number of targets struck is 7 sites, not 9 sites"
    assert failure.text.startswith(f"{HERON}:4:") and 'Suggestion: "7 sites"' in failure.text
    skipped = cases['unverified-quantity: "Some 30 volunteers" (line 5)'].find("skipped")
    assert skipped.get("message") == "unverified-quantity: no entity of the store is named in this sentence"


def test_junit_unverified_with_severity_error_fails(world, newsroom, tmp_path):
    config = tmp_path / ".verifier.toml"
    config.write_text("[severity]\nunverified-quantity = 'error'\n", encoding="utf-8")
    root = ET.fromstring(render("junit", run(world, newsroom, [FERRY], config)).encode("utf-8"))
    cases = {c.get("name"): c for c in root.iter("testcase")}
    assert outcome(cases['unverified-quantity: "Some 30 volunteers" (line 5)']) == "failure"
    assert root.get("failures") == "2"


def test_junit_escapes_markup_and_replaces_what_xml_cannot_hold(world, tmp_path):
    name = 'odd "draft" <&>\x0b.md'  # a vertical tab: no XML 1.0 document may contain it, even escaped
    (tmp_path / name).write_text(FRONT + "The Aldmere ferry disaster killed 44 people, officials said.\n",
                                 encoding="utf-8")
    root = ET.fromstring(render("junit", run(world, tmp_path, [name])).encode("utf-8"))
    (suite,) = root.findall("testsuite")
    assert suite.get("name") == 'odd "draft" <&>\ufffd.md'
    (case,) = suite.findall("testcase")
    assert case.get("name") == 'conflicting-quantity: "44 people" (line 4)'
    assert case.find("failure").text.startswith('odd "draft" <&>\ufffd.md:4:')


# -- rdjson --------------------------------------------------------------------
@pytest.fixture(scope="module")
def rdjson(result) -> dict:
    return json.loads(render("rdjson", result))


def test_rdjson_structure(rdjson, result):
    assert rdjson["source"] == {"name": "claim-verifier"}
    assert rdjson["severity"] == "ERROR"
    findings = result.findings()
    diagnostics = [d for d in rdjson["diagnostics"] if "code" in d]
    assert len(diagnostics) == len(findings)
    for diagnostic, finding in zip(diagnostics, findings):
        assert set(diagnostic) <= {"message", "location", "severity", "code", "suggestions"}
        assert diagnostic["message"] == message(finding)
        assert diagnostic["code"] == {"value": finding.rule.id}
        assert diagnostic["severity"] == {"error": "ERROR", "warning": "WARNING", "note": "INFO"}[finding.severity]
        assert diagnostic["location"]["path"] in (FERRY, HERON)
        where = diagnostic["location"]["range"]
        assert (where["start"]["line"], where["end"]["line"]) == (finding.line, finding.end_line)
        if finding.judgement.suggestion:
            assert diagnostic["suggestions"] == [{"range": where, "text": finding.judgement.suggestion}]
        else:
            assert "suggestions" not in diagnostic
    (notice,) = [d for d in rdjson["diagnostics"] if "code" not in d]
    assert notice["severity"] == "INFO" and notice["location"]["range"]["start"] == {"line": 6}


def test_rdjson_columns_count_utf8_bytes_with_exclusive_end(rdjson):
    toll = next(d for d in rdjson["diagnostics"] if d.get("code", {}).get("value") == "conflicting-quantity"
                and d["location"]["path"] == FERRY)
    line = DRAFTS[FERRY].splitlines()[toll["location"]["range"]["start"]["line"] - 1].encode("utf-8")
    start, end = toll["location"]["range"]["start"]["column"], toll["location"]["range"]["end"]["column"]
    assert line[start - 1:end - 1].decode("utf-8") == "1,044 people"  # after two 3-byte dashes


# -- claimreview ---------------------------------------------------------------
def test_claimreview_is_json_ld_with_the_fact_checkers_fields(result):
    document = json.loads(render("claimreview", result))
    assert document["@context"] == "https://schema.org"
    reviews = document["@graph"]
    findings = result.findings()
    assert len(reviews) == len(findings)
    labels = {"conflicting": "Conflicting", "unverified": "Unverified", "consistent": "Consistent"}
    paths = {id(f): file.path for file in result.files for f in file.findings}
    for review, finding in zip(reviews, findings):
        assert review["@type"] == "ClaimReview"
        assert review["claimReviewed"] == finding.judgement.claim.text
        rating = review["reviewRating"]
        assert rating["@type"] == "Rating" and rating["alternateName"] == labels[finding.verdict.value]
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
        claim = review["itemReviewed"]
        assert claim["@type"] == "Claim" and claim["appearance"]["@type"] == "CreativeWork"
        assert claim["appearance"]["url"].endswith(f"#L{finding.line}")
        assert claim["appearance"]["name"].startswith(f"{paths[id(finding)]}, line {finding.line}")
        assert review["author"] == {"@type": "Organization", "name": "claim-verifier"}
        fact = finding.judgement.fact
        if fact is None:
            assert "citation" not in review
        else:
            assert (review["citation"]["name"], review["citation"]["url"]) == (fact.source.title, fact.source.url)
    ratings = {r["reviewRating"]["alternateName"]: r["reviewRating"]["ratingValue"] for r in reviews}
    assert ratings["Conflicting"] < ratings["Unverified"] < ratings["Consistent"]


# -- through the CLI -----------------------------------------------------------
@pytest.mark.parametrize("fmt", CI_FORMATS)
def test_cli_writes_the_report_and_keeps_exit_code_1_on_a_conflict(fmt, world, newsroom, tmp_path, capsys,
                                                                   monkeypatch):
    monkeypatch.chdir(newsroom)
    out = tmp_path / f"report.{fmt}"
    assert main(["check", FERRY, "--db", world, "--format", fmt, "-o", str(out)]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""
    assert out.read_text(encoding="utf-8") == render(fmt, run(world, newsroom, [FERRY],
                                                             show_consistent=fmt not in FINDINGS_ONLY))


@pytest.mark.parametrize("fmt", FINDINGS_ONLY)
@pytest.mark.parametrize("flags, consistent_shown", [
    ((), False), (("--show-consistent",), True), (("--show-consistent", "-q"), False)],
    ids=["findings-only-by-default", "on-request", "quiet-wins"])
def test_alert_formats_carry_findings_only_unless_asked(fmt, flags, consistent_shown, world, newsroom, capsys,
                                                        monkeypatch):
    monkeypatch.chdir(newsroom)
    assert main(["check", FERRY, "--db", world, "--format", fmt, *flags]) == 1
    out = capsys.readouterr().out
    needle = {"concise": ': {} "', "sarif": '"ruleId": "{}"', "github": "title={}::", "rdjson": '"value": "{}"'}[fmt]
    assert (needle.format("consistent-role") in out) is consistent_shown
    assert needle.format("conflicting-quantity") in out


@pytest.mark.parametrize("severity, shown", [
    ("'consistent-*' = 'off'", {"conflicting-quantity", "unverified-quantity"}),
    ("'*-quantity' = 'off'", {"consistent-role"}),
    ("'*-quantity' = 'off'\nunverified-quantity = 'warning'", {"consistent-role", "unverified-quantity"}),
], ids=["verdict-wildcard", "kind-wildcard", "named-rule-beats-wildcard"])
def test_severity_wildcards(severity, shown, world, newsroom, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(newsroom)
    config = tmp_path / ".verifier.toml"
    config.write_text(f"[severity]\n{severity}\n", encoding="utf-8")
    main(["check", FERRY, "--db", world, "--format", "json", "--config", str(config)])
    found = {claim["rule"] for file in json.loads(capsys.readouterr().out)["files"] for claim in file["claims"]}
    assert found == shown


def test_a_wildcard_matching_no_rule_is_an_error(tmp_path):
    from verifier.config import ConfigError

    config = tmp_path / ".verifier.toml"
    config.write_text("[severity]\n'consistant-*' = 'off'\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown rule 'consistant-\\*'.*must match one"):
        load(config)


@pytest.mark.parametrize("fmt", CI_FORMATS)
def test_cli_exit_code_0_without_a_conflict(fmt, world, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("right.md").write_text(FRONT + "The Aldmere ferry disaster killed 41 people, officials said.\n",
                                encoding="utf-8")
    assert main(["check", "right.md", "--db", world, "--format", fmt, "-o", "report.out"]) == 0
    assert Path("report.out").read_text(encoding="utf-8").strip()
