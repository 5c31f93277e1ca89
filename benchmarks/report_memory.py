"""Peak memory and seconds of `verifier check DIR --format F -o FILE` for every format, and what --jobs buys.

    python -m benchmarks.report_memory                       # 10,000 drafts, every format
    python -m benchmarks.report_memory --drafts 2000 --formats json sarif
    python -m benchmarks.report_memory --drafts 2000 --jobs 1 2 --formats text --repeat 5

The drafts are written by this script into a temporary folder: short news items
about the bundled store's entities, each with a dozen claims (some consistent,
some conflicting, some unverified), their figures varied by the draft's number
so no two drafts are alike. Every run is a fresh process; its peak resident set
is the `ru_maxrss` the kernel reports for that child when it is reaped (os.wait4,
the figure `getrusage(RUSAGE_CHILDREN)` gives a parent of that one child): the
largest single process of the run, its worker processes included. Processor
seconds (user and system, workers included) are printed beside wall seconds:
other work on a shared machine moves the one, hardly the other.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FORMATS = ("text", "concise", "json", "sarif", "github", "junit", "rdjson", "html", "claimreview")

# Each paragraph takes a figure from the draft's number: `i` picks among a right and some wrong values.
PARAGRAPHS = (
    "The Shanghai Cooperation Organisation, set up in {founded}, now has {members} member states.",
    "Trade between India and Russia came to ${trade} billion in 2024-25, according to the ministry.",
    "Pakistan's Prime Minister {premier} spoke to reporters in Islamabad on the eve of the summit.",
    "Around {delegates} delegates from {countries} countries attended the {ordinal} session of the forum.",
    "Belarus became the {rank} member of the SCO in 2024, {weeks} weeks before the leaders met in Astana.",
    "Officials said talks lasted {hours} hours and ended with {points} agreed points on regional security.",
)
FOUNDED = ("2001", "2002", "1999")
MEMBERS = ("10", "9", "12")
TRADE = ("68.7", "55.2", "71.4")
PREMIERS = ("Shehbaz Sharif", "Imran Khan")
ORDINALS = ("first", "second", "third", "fourth", "fifth")
RANKS = ("10th", "9th", "11th")


def draft(i: int) -> str:
    """Draft number `i`: front matter with a date, a heading, and the paragraphs with figures chosen by `i`."""
    values = {"founded": FOUNDED[i % 3], "members": MEMBERS[i // 3 % 3], "trade": TRADE[i // 9 % 3],
              "premier": PREMIERS[i % 2], "delegates": 100 + i % 900, "countries": 5 + i % 20,
              "ordinal": ORDINALS[i % 5], "rank": RANKS[i // 2 % 3], "weeks": 2 + i % 7, "hours": 3 + i % 9,
              "points": 4 + i % 11}
    body = "\n\n".join(paragraph.format(**values) for paragraph in PARAGRAPHS)
    return f"---\ntitle: Bulletin {i}\ndate: 2025-06-{1 + i % 28:02d}\n---\n\n# Bulletin {i}\n\n{body}\n"


def write_drafts(directory: Path, count: int) -> int:
    """Write `count` drafts in folders of 500 (as a newsroom's archive would be); return their bytes."""
    size = 0
    for i in range(count):
        folder = directory / f"batch-{i // 500:03d}"
        folder.mkdir(exist_ok=True)
        text = draft(i)
        (folder / f"bulletin-{i:05d}.md").write_text(text, encoding="utf-8")
        size += len(text.encode("utf-8"))
    return size


def measure(command: list[str]) -> tuple[float, float, float]:
    """Run `command`; return its seconds, its processor seconds (its workers' too) and its peak RSS in MB."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as stderr:  # a file, not a pipe: a child that says much never blocks on it
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stderr)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        stderr.seek(0)
        error = stderr.read().decode("utf-8", "replace")
    if process.returncode not in (0, 1):  # 1: findings, as expected
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{error}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024  # ru_maxrss is in KB on Linux


def check_command(folder: Path, fmt: str, output: Path, jobs: int | None) -> list[str]:
    command = [sys.executable, "-m", "verifier.cli", "check", str(folder), "--format", fmt, "-o", str(output),
               "--as-of", "2025-06-30"]
    return command + (["--jobs", str(jobs)] if jobs is not None else [])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.report_memory", description=__doc__.split("\n\n")[0])
    parser.add_argument("--drafts", type=int, default=10_000, help="how many drafts (default 10,000)")
    parser.add_argument("--formats", nargs="+", choices=FORMATS, default=FORMATS, help="formats to run (default all)")
    parser.add_argument("--jobs", type=int, nargs="+", help="--jobs values to run each format with (default: the "
                                                            "verifier's default, one per core)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each setting; the median is shown (default 1)")
    parser.add_argument("--dir", type=Path, help="write the drafts here (default: a temporary folder)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="report-memory-") as temporary:
        folder = args.dir or Path(temporary) / "drafts"
        folder.mkdir(parents=True, exist_ok=True)
        size = write_drafts(folder, args.drafts)
        print(f"{args.drafts:,} drafts, {size / 1e6:.1f} MB, on {os.cpu_count()} core(s); "
              f"median of {args.repeat} run(s) each")
        print(f"{'format':<12} {'jobs':>7} {'seconds':>8} {'cpu s':>8} {'peak MB':>8} {'report MB':>10}")
        for fmt in args.formats:
            settings = args.jobs or [None]
            output = Path(temporary) / f"report.{fmt}"
            runs: dict = {jobs: [] for jobs in settings}
            for _ in range(args.repeat):  # settings take turns, so a change in the machine's load hits them alike
                for jobs in settings:
                    runs[jobs].append(measure(check_command(folder, fmt, output, jobs)))
            size = output.stat().st_size / 1e6
            output.unlink()
            for jobs in settings:
                seconds, cpu, peak = (statistics.median(r[n] for r in runs[jobs]) for n in range(3))
                shown = "default" if jobs is None else str(jobs)
                print(f"{fmt:<12} {shown:>7} {seconds:8.1f} {cpu:8.1f} {peak:8.0f} {size:10.1f}", flush=True)
            if len(settings) > 1:
                first = statistics.median(r[0] for r in runs[settings[0]])
                print("  speed-up over --jobs {}: {}".format(settings[0], ", ".join(
                    f"{jobs}: {first / statistics.median(r[0] for r in runs[jobs]):.2f}x" for jobs in settings[1:])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
