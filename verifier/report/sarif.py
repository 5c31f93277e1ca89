"""SARIF 2.1.0 for GitHub code scanning and other SARIF viewers: every rule, one result per finding.

Also home to what the CI formats share: a finding's one-paragraph message and
a file's path as CI tools want it (relative, forward slashes).
"""

from __future__ import annotations

import os
import re
from urllib.parse import quote

from .. import __version__
from ..judge.common import states
from ..records import Verdict
from ..rules import RULES, Rule
from ..run import AnyRun, Finding, Notice
from . import Writer, jsonstream
from .jsonstream import Each, Fields, Written, chunks
from .spool import Spool

TOOL = "claim-verifier"
SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
FINGERPRINT = "claimFingerprint/v1"
_OPENING = {Verdict.CONFLICTING: "conflicts with the reference store",
            Verdict.UNVERIFIED: "could not be verified against the reference store",
            Verdict.CONSISTENT: "is consistent with the reference store"}


def artifact_path(path: str) -> str:
    """A draft's path as CI tools show it: relative (to the working directory when given absolute), with '/'."""
    if os.path.isabs(path):
        try:
            path = os.path.relpath(path)
        except ValueError:  # another drive on Windows: no relative path exists
            path = os.path.basename(path)
    path = path.replace(os.sep, "/").replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    return path


def squash(text: str) -> str:
    """Text on one line: a claim may span a line break of the draft."""
    return re.sub(r"\s+", " ", text).strip()


def reference(finding: Finding) -> str:
    """ "subject predicate value (source: publisher, "title", url)", or nothing when no fact applies."""
    fact = finding.judgement.fact
    if fact is None:
        return ""
    source = fact.source
    return f'{states(fact)} (source: {source.publisher}, "{source.title}", {source.url})'


def message(finding: Finding) -> str:
    """One paragraph: the claim and its verdict first (viewers short of space show only the first sentence),
    then the reference fact and its source, the reason and the suggestion."""
    judgement = finding.judgement
    parts = [f'"{squash(judgement.claim.text)}" {_OPENING[judgement.verdict]}.']
    if judgement.fact is not None:
        parts.append(f"Reference: {reference(finding)}.")
    parts.append(f"Reason: {squash(judgement.reason).rstrip('.')}.")
    if judgement.suggestion:
        parts.append(f'Suggestion: "{squash(judgement.suggestion)}".')
    return " ".join(parts)


def _help(rule: Rule) -> dict:
    suppress = f"<!-- verifier: disable-next-line {rule.id} -- why -->"
    return {"text": f"{rule.full} To accept one finding, put {suppress} on the line before it.",
            "markdown": f"**{rule.short}.**\n\n{rule.full}\n\nTo accept one finding, put `{suppress}` "
                        f"on the line before it."}


def _descriptor(rule: Rule) -> dict:
    return {"id": rule.id,
            "name": "".join(word.capitalize() for word in rule.id.split("-")),
            "shortDescription": {"text": rule.short},
            "fullDescription": {"text": rule.full},
            "help": _help(rule),
            "defaultConfiguration": {"level": rule.default_severity},
            "properties": {"tags": ["fact-check", rule.verdict.value, rule.kind]}}


def _location(path: str, region: dict | None = None) -> dict:
    where = {"artifactLocation": {"uri": quote(artifact_path(path), safe="/")}}
    return {"physicalLocation": {**where, "region": region} if region else where}


def _result(path: str, finding: Finding, index: dict[str, int]) -> dict:
    judgement = finding.judgement
    region = {"startLine": finding.line, "startColumn": finding.column,
              "endLine": finding.end_line, "endColumn": finding.end_column,
              "snippet": {"text": judgement.claim.text}}
    result = {"ruleId": finding.rule.id, "ruleIndex": index[finding.rule.id], "level": finding.severity,
              "message": {"text": message(finding)},
              "locations": [_location(path, region)],
              "partialFingerprints": {FINGERPRINT: finding.fingerprint}}
    if judgement.suggestion:
        result["fixes"] = [{"description": {"text": f'Replace with "{judgement.suggestion}"'},
                            "artifactChanges": [{
                                "artifactLocation": {"uri": quote(artifact_path(path), safe="/")},
                                "replacements": [{"deletedRegion": {k: v for k, v in region.items() if k != "snippet"},
                                                  "insertedContent": {"text": judgement.suggestion}}]}]}]
    properties = {"verdict": judgement.verdict.value, "kind": judgement.claim.kind,
                  "decidedBy": judgement.decided_by, "trace": list(judgement.trace)}
    if judgement.fact is not None:
        properties["fact"] = judgement.fact.uid
    result["properties"] = properties
    return result


def _notification(notice: Notice) -> dict:
    note = {"level": "note", "message": {"text": notice.message}}
    if not notice.path:  # about the whole run (drafts included), not a place in a draft
        return note
    return {**note, "locations": [_location(notice.path, {"startLine": notice.line})]}


def write(run: AnyRun, out: Writer, colour: bool = False, explain: bool = False) -> None:
    rules = list(RULES.values())
    index = {rule.id: n for n, rule in enumerate(rules)}
    notices: list[Notice] = []  # the files' own, then the run's: few, and written before the results
    with Spool() as results:
        # The invocation (notices, errors, success) comes before the results: they wait in the spool.
        for piece in chunks(Each(_results(run.files, index, notices)), level=3):
            results.write(piece)
        notices.extend(run.notices)
        document = Fields((("$schema", SCHEMA), ("version", "2.1.0"), ("runs", Each([Fields((
            ("tool", {"driver": {"name": TOOL, "version": __version__, "semanticVersion": __version__,
                                 "rules": [_descriptor(rule) for rule in rules]}}),
            ("invocations", [{"executionSuccessful": not run.errors,
                              "toolExecutionNotifications": [_notification(n) for n in notices]
                              + [{"level": "error", "message": {"text": e.message},
                                  "locations": [_location(e.path)]} for e in run.errors]}]),
            ("columnKind", "unicodeCodePoints"),
            ("results", Written(results.chunks())),
            # The store's digest, never its location: a path or URL would tie the log to one machine (or leak a
            # password).
            ("properties", {"store": {"digest": run.store.digest, "facts": run.store.facts,
                                      "schemaVersion": run.store.schema_version,
                                      "draftsIncluded": run.store.drafts}}),
        ))]))))
        jsonstream.write(out, document)


def _results(files, index: dict[str, int], notices: list[Notice]):
    """Each finding's result, file by file; the files' notices are kept in `notices` on the way."""
    for file in files:
        notices.extend(file.notices)
        for finding in file.findings:
            yield _result(file.path, finding, index)
