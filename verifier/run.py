"""A run over many drafts: judgements become findings (rule, severity, position, fingerprint), then filters apply.

Renderers take a Run (files yielded one at a time as they are judged) or a
whole RunResult and nothing else, so every format shows the same findings:
after suppression comments, the baseline and the `--diff` filter.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING

from claims_db.query import StoreInfo

from .records import FileReport, Judgement, Verdict
from .rules import RULES, Rule, rule_id

if TYPE_CHECKING:
    from .config import Config
    from .inputs import Draft


@dataclass(frozen=True)
class Finding:
    """A judged claim as a CI finding: where it is, which rule, how severe, and a stable fingerprint."""

    judgement: Judgement
    rule: Rule
    severity: str
    line: int
    column: int
    end_line: int
    end_column: int
    fingerprint: str

    @property
    def verdict(self) -> Verdict:
        return self.judgement.verdict


@dataclass(frozen=True)
class Notice:
    """Something about the run that is not a claim, e.g. a suppression comment that matched nothing."""

    path: str
    line: int
    message: str


DRAFTS_NOTICE = Notice("", 0, "draft facts were used beside approved ones (--include-drafts): a verdict may rest "
                               "on a fact no curator has approved yet")


@dataclass(frozen=True)
class FileError:
    """A draft that could not be checked (unreadable, not UTF-8, too large, gone): the run checks the others."""

    path: str
    message: str  # one line naming the file and what to do


@dataclass(frozen=True)
class FileResult:
    report: FileReport
    text: str
    findings: tuple[Finding, ...]
    notices: tuple[Notice, ...] = ()
    unfiltered: tuple[Finding, ...] = ()  # before the baseline and --diff: what a new baseline records
    bom: bool = False  # the file began with a byte-order mark (offsets count from after it)
    consistent_hidden: int = 0  # consistent claims left out of `findings` (findings-only output); still counted

    @property
    def path(self) -> str:
        return self.report.path

    def summary(self) -> dict[str, int]:
        counts = count_verdicts(self.findings)
        counts[Verdict.CONSISTENT.value] += self.consistent_hidden
        return counts


@dataclass(frozen=True)
class RunResult:
    files: tuple[FileResult, ...]
    store: StoreInfo
    notices: tuple[Notice, ...] = field(default=())
    errors: tuple[FileError, ...] = field(default=())

    def findings(self) -> list[Finding]:
        return [f for file in self.files for f in file.findings]


def count_verdicts(findings: Iterable[Finding]) -> dict[str, int]:
    """How many findings have each verdict, every verdict present."""
    counts = {v.value: 0 for v in Verdict}
    for finding in findings:
        counts[finding.verdict.value] += 1
    return counts


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def fingerprints(report: FileReport, text: str) -> list[str]:
    """One fingerprint per judgement: its rule, its words and its sentence's words, not its position.

    An edit elsewhere in the file keeps it; an edit of the claim or its sentence
    makes a new one. Repeats of the same claim in the same sentence are numbered.
    """
    seen: Counter[str] = Counter()
    squashed: dict[tuple[int, int], str] = {}  # each sentence squashed once, however many claims it holds
    prints = []
    for judgement in report.judgements:
        claim = judgement.claim
        span = report.sentence_of(claim.anchor)
        if span not in squashed:
            squashed[span] = _squash(text[slice(*span)])
        key = "\x1f".join((rule_id(judgement.verdict, claim.kind), _squash(claim.text), squashed[span]))
        seen[key] += 1
        prints.append(hashlib.sha256(f"{key}\x1f{seen[key]}".encode()).hexdigest()[:32])
    return prints


def findings_of(report: FileReport, text: str, severity: Callable[[str, str], str]) -> list[Finding]:
    """Every judgement of a file as a finding; `severity(rule_id, path)` applies the configuration."""
    result = []
    for judgement, fingerprint in zip(report.judgements, fingerprints(report, text)):
        claim = judgement.claim
        rule = RULES[rule_id(judgement.verdict, claim.kind)]
        line, column = report.position(claim.start)
        end_line, end_column = report.position(claim.end)
        result.append(Finding(judgement, rule, severity(rule.id, report.path), line, column, end_line, end_column,
                              fingerprint))
    return result


def keep(path: str, findings: Iterable[Finding], baseline: set[tuple[str, str]] | None = None,
         changed_lines: set[int] | None = None) -> tuple[Finding, ...]:
    """Findings not in the baseline (by file and fingerprint) and, with --diff, on changed lines only."""
    kept = []
    for finding in findings:
        if baseline is not None and (path, finding.fingerprint) in baseline:
            continue
        if changed_lines is not None and not any(n in changed_lines for n in range(finding.line, finding.end_line + 1)):
            continue
        kept.append(finding)
    return tuple(kept)


PARALLEL_MIN = 16  # fewer drafts than this are checked in-process: starting workers costs more
BATCH = 16  # drafts a worker checks per task: fewer round trips, and few results held out of order
IN_FLIGHT = 2  # tasks per worker submitted ahead, so a worker never waits while the report is written


@dataclass
class Run:
    """A run as it happens: `files` yields each draft's result once, as it is judged, and `errors` is complete once
    `files` is exhausted. Renderers take a Run or a RunResult alike."""

    store: StoreInfo
    files: Iterator[FileResult]
    notices: tuple[Notice, ...] = ()
    errors: list[FileError] = field(default_factory=list)


AnyRun = Run | RunResult  # what a renderer takes: a run as it happens, or one held whole


class Totals:
    """Files and claims per verdict of the files seen so far: what a summary needs, without keeping the files."""

    def __init__(self) -> None:
        self.files = 0
        self.claims = count_verdicts(())

    def counted(self, files: Iterable[FileResult]) -> Iterator[FileResult]:
        """The files, each counted as it passes."""
        for file in files:
            self.files += 1
            for verdict, n in file.summary().items():
                self.claims[verdict] += n
            yield file


def collect(run: Run) -> RunResult:
    """The whole run in memory, for callers that want every file at once."""
    files = tuple(run.files)  # first: the errors are known only once every file has been read
    return RunResult(files, run.store, run.notices, errors=tuple(run.errors))


def execute(paths: list[str], config, reader, today, baseline: set[tuple[str, str]] | None = None,
            diff_rev: str | None = None, jobs: int = 1, progress=None, show_consistent: bool = True,
            stdin=None, stdin_name: str | None = None, writes: tuple[str, ...] = ()) -> RunResult:
    """Check drafts and turn their judgements into the findings every format shows (see `stream`), all at once."""
    return collect(stream(paths, config, reader, today, baseline, diff_rev, jobs, progress, show_consistent, stdin,
                          stdin_name, writes))


def stream(paths: list[str], config, reader, today, baseline: set[tuple[str, str]] | None = None,
           diff_rev: str | None = None, jobs: int = 1, progress=None, show_consistent: bool = True,
           stdin=None, stdin_name: str | None = None, writes: tuple[str, ...] = ()) -> Run:
    """Check drafts one at a time as the returned run's files are consumed; each is read only when its turn comes.

    A draft that cannot be read becomes a FileError and the others are checked (the exit code then says 2). The path
    `-` is the text of `stdin`, shown as `stdin_name`. `writes` are the files this run writes (its report): never
    checked, even when a folder given holds them. With jobs > 1 drafts are judged in worker processes, a few batches
    ahead; results keep the order of the files, so the output does not depend on which worker finished first.
    """
    from .inputs import STDIN, walk

    errors: list[FileError] = []
    written = {os.path.realpath(path) for path in writes}

    def ignored(path: str) -> bool:
        return config.ignored(path) or (bool(written) and os.path.realpath(path) in written)

    found = walk(paths, ignored, lambda path, why: errors.append(FileError(path, why)))
    commits: dict[str, str] = {}  # folder -> the commit --diff names there
    if diff_rev:  # a bad revision is an error before anything is checked or written: once per folder
        for path in found:
            folder = os.path.dirname(os.path.abspath(path))
            if folder not in commits:
                commits[folder] = verify_revision(diff_rev, path)
    judge = Judge(config, baseline, diff_rev, show_consistent, commits)
    # Standard input exists only here: it is read now, and a worker gets its text.
    work = [_read(STDIN, config.max_file_size, stdin, stdin_name) if path == STDIN else path for path in found]
    options = _options(config, today)

    def files() -> Iterator[FileResult]:
        for item in _judge_all(work, judge, reader, options, jobs, progress):
            if isinstance(item, FileError):
                errors.append(item)
            else:
                yield item

    notices = (DRAFTS_NOTICE,) if reader.info.drafts else ()
    return Run(reader.info, files(), notices, errors)


def _read(path: str, limit: int, stdin=None, stdin_name: str | None = None) -> Draft | FileError:
    """The draft at `path`, or the FileError saying why it cannot be read."""
    from .document import InputError
    from .inputs import read_draft

    try:
        return read_draft(path, limit, stdin, stdin_name)
    except InputError as exc:
        return FileError(path, str(exc))


def _options(config, today):
    from .check import Options
    from .records import AsOf

    fixed = config.fixed_as_of()
    as_of = AsOf(fixed, "configuration") if fixed else AsOf(today, "today (configured)") if config.as_of == "today" else None
    if config.sources.get("as_of") == "command line" and fixed:
        as_of = AsOf(fixed, "option")
    return Options(as_of=as_of, today=today, kinds=config.kinds)


@dataclass(frozen=True)
class Judge:
    """What turns one draft into its FileResult after the checker: severities, suppressions, baseline, --diff.

    Plain data, so a worker process gets it once and does the whole of a draft's work."""

    config: Config
    baseline: set[tuple[str, str]] | None
    diff_rev: str | None
    show_consistent: bool
    commits: dict[str, str]  # folder -> the commit diff_rev names there, resolved once before the run

    def file(self, checker, item: str | Draft | FileError) -> FileResult | FileError:
        """Read (unless `item` is a draft read already), check and filter one draft."""
        from .document import MAX_SENTENCE
        from .suppress import Suppressions

        draft = _read(item, self.config.max_file_size) if isinstance(item, str) else item
        if isinstance(draft, FileError):
            return draft
        # Never the file's modification time (git sets it at checkout): the same commit gives the same report.
        report = checker.check_text(draft.path, draft.text, None, draft.declared, draft.original)
        findings = [f for f in findings_of(report, draft.original, self.config.severity_of) if f.severity != "off"]
        findings, notices = Suppressions.parse(draft.path, draft.original, draft.code).apply(findings)
        if draft.bom:
            notices = [*notices, Notice(draft.path, 1, "the file begins with a UTF-8 byte-order mark: columns count "
                                                       "from after it, and --suggest keeps it")]
        if report.cuts:
            notices = [*notices, Notice(draft.path, report.position(report.cuts[0])[0],
                                        f"{len(report.cuts)} overlong sentence part(s) (over {MAX_SENTENCE} characters "
                                        "with no full stop) checked apart; a claim near a cut may lack its context")]
        changed = None
        if self.diff_rev:
            commit = self.commits.get(os.path.dirname(os.path.abspath(draft.path)))
            changed = changed_lines(commit or verify_revision(self.diff_rev, draft.path), draft.path)
        kept = keep(draft.path, findings, self.baseline, changed)
        shown = kept if self.show_consistent else tuple(f for f in kept if f.verdict is not Verdict.CONSISTENT)
        return FileResult(report, draft.original, shown, tuple(notices), tuple(findings), draft.bom,
                          len(kept) - len(shown))


def _judge_all(work: list[str | Draft | FileError], judge: Judge, reader, options, jobs: int, progress) -> Iterator[FileResult | FileError]:
    """Each draft's result in the order of `work`, made as the caller asks for the next."""
    from .check import Checker

    total = len(work)
    if jobs <= 1 or total < PARALLEL_MIN:
        checker = Checker(reader, options)
        for done, item in enumerate(work, 1):
            yield judge.file(checker, item)
            if progress:
                progress(done, total)
        return
    from concurrent.futures import ProcessPoolExecutor

    batches = (work[start:start + BATCH] for start in range(0, total, BATCH))
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker,
                               initargs=(reader.location, options, reader.include_drafts, judge))
    try:
        pending = deque(pool.submit(_judge_in_worker, batch) for batch in islice(batches, jobs * IN_FLIGHT))
        done = 0
        while pending:
            results = pending.popleft().result()
            if (batch := next(batches, None)) is not None:
                pending.append(pool.submit(_judge_in_worker, batch))
            for result in results:
                done += 1
                yield result
                if progress:
                    progress(done, total)
    finally:
        pool.shutdown(cancel_futures=True)


_WORKER = {}


def _start_worker(location: str, options, include_drafts: bool, judge: Judge) -> None:
    from claims_db.query import Reader

    from .check import Checker

    _WORKER["checker"] = Checker(Reader(location, include_drafts=include_drafts), options)
    _WORKER["judge"] = judge


def _judge_in_worker(batch: list) -> list[FileResult | FileError]:
    checker, judge = _WORKER["checker"], _WORKER["judge"]
    return [judge.file(checker, item) for item in batch]


class _AllLines(set):
    """Every line: what a file new to git has changed."""

    def __contains__(self, item) -> bool:
        return True


ALL_LINES = _AllLines()


def _git(path: str, *args: str):
    """Run git in the folder holding `path`."""
    import subprocess

    from .document import InputError

    try:
        return subprocess.run(["git", *args], cwd=os.path.dirname(os.path.abspath(path)), capture_output=True, text=True)
    except OSError as exc:
        raise InputError(f"{path}: cannot run git for --diff: {exc}") from None


def verify_revision(rev: str, path: str) -> str:
    """The commit `rev` names in the repository holding `path`; a typo is an error (exit 2), never "nothing changed".

    `--end-of-options` keeps a revision from being read as an option of git's."""
    from .document import InputError

    verified = _git(path, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}")
    if verified.returncode != 0:
        inside = _git(path, "rev-parse", "--is-inside-work-tree").returncode == 0
        raise InputError(f"{path}: {'no git revision ' + repr(rev) if inside else 'not in a git repository'} "
                         "(--diff needs a revision of the repository holding the draft)")
    return verified.stdout.strip()


def changed_lines(commit: str, path: str) -> set[int]:
    """Line numbers of `path` added or changed since `commit` (every line of a file new to git)."""
    from .document import InputError

    name = os.path.basename(path)
    if _git(path, "ls-files", "--error-unmatch", "--", name).returncode != 0:
        return ALL_LINES
    diff = _git(path, "diff", "--unified=0", "--no-color", "--no-ext-diff", commit, "--", name)
    if diff.returncode != 0:
        raise InputError(f"{path}: git diff failed: {diff.stderr.strip().splitlines()[0] if diff.stderr else commit}")
    lines: set[int] = set()
    for match in re.finditer(r"^@@ -\S+ \+(\d+)(?:,(\d+))? @@", diff.stdout, re.MULTILINE):
        start, count = int(match.group(1)), int(match.group(2) or 1)
        lines.update(range(start, start + count))
    return lines
