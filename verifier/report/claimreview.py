"""schema.org ClaimReview JSON-LD, the markup fact-checkers publish: one ClaimReview per checked claim.

Ratings use one scale, 1 (worst) to 3 (best): Conflicting 1, Unverified 2,
Consistent 3; the text (alternateName) is what search engines show. The
reference fact's source is the review's citation. `url` (the page publishing
the fact check) is left to the newsroom: an offline check has no such page.
"""

from __future__ import annotations

from urllib.parse import quote

from ..records import Verdict
from ..run import AnyRun, FileResult, Finding
from . import Writer, jsonstream
from .jsonstream import Each, Fields
from .sarif import TOOL, artifact_path, reference, squash

RATINGS = {Verdict.CONFLICTING: (1, "Conflicting"), Verdict.UNVERIFIED: (2, "Unverified"),
           Verdict.CONSISTENT: (3, "Consistent")}
WORST, BEST = 1, 3
AUTHOR = {"@type": "Organization", "name": TOOL}


def _citation(finding: Finding) -> dict | None:
    fact = finding.judgement.fact
    if fact is None:
        return None
    source = fact.source
    citation = {"@type": "CreativeWork", "name": source.title, "url": source.url,
                "publisher": {"@type": "Organization", "name": source.publisher}}
    if source.accessed is not None:
        citation["dateRead"] = source.accessed.isoformat()
    return citation


def _review(file: FileResult, finding: Finding) -> dict:
    judgement = finding.judgement
    path = artifact_path(file.path)
    value, label = RATINGS[judgement.verdict]
    reason = squash(judgement.reason)
    body = [f"Reference: {reference(finding)}."] if judgement.fact is not None else []
    body.append(f"{reason.rstrip('.')}.")
    if judgement.suggestion:
        body.append(f'Suggestion: "{squash(judgement.suggestion)}".')
    review = {
        "@type": "ClaimReview",
        "identifier": finding.fingerprint,
        "claimReviewed": squash(judgement.claim.text),
        "reviewRating": {"@type": "Rating", "ratingValue": value, "bestRating": BEST, "worstRating": WORST,
                         "alternateName": label, "name": label, "ratingExplanation": reason},
        "itemReviewed": {"@type": "Claim",
                         "datePublished": file.report.as_of.date.isoformat(),
                         "appearance": {"@type": "CreativeWork",
                                        "name": f"{path}, line {finding.line}, column {finding.column}",
                                        "url": f"{quote(path, safe='/')}#L{finding.line}"}},
        "author": AUTHOR,
        "reviewBody": " ".join(body),
    }
    citation = _citation(finding)
    if citation is not None:
        review["citation"] = citation
    return review


def write(run: AnyRun, out: Writer, colour: bool = False, explain: bool = False) -> None:
    graph = (_review(file, finding) for file in run.files for finding in file.findings)
    jsonstream.write(out, Fields((("@context", "https://schema.org"), ("@graph", Each(graph)))))
