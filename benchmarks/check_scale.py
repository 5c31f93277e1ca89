"""A check's cost against the store's size: the seed article against the bundled store and synthetic ones.

    python -m benchmarks.check_scale [--dir DIR] [--sizes 10000 100000 1000000] [--big] [--repeat 20]

Each big store is the synthetic store of `benchmarks.store_scale` (built there, or
reused from --dir) with the bundled store's records imported on top, so the
seed article finds the same facts in all and only the rest of the store grows.
It prints, per store, the median and p95 of an in-process check (open the store,
extract, link, judge, render JSON) and of a cold `verifier check` command, the
cold command's peak RSS, and each median's ratio to the bundled store's.
`--big` adds a 10,000,000-fact store (about 5 GB and 15 minutes to build).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "ians-2025-06-26-belarus-india-sco.txt"


def big_store(directory: Path, size: int) -> str:
    """The synthetic store of `size` facts plus the bundled records, built once per directory."""
    from benchmarks.store_scale import SQLiteBackend, build
    from claims_db.interchange import parse_files
    from claims_db.locate import DEFAULT_SOURCE
    from claims_db.store import Store

    target = directory / f"check-{size}.sqlite"
    if target.exists():
        return str(target)
    backend = SQLiteBackend(directory)
    if backend.existing_marker(size) is None:
        build(backend, size, True, lambda line: print(line, file=sys.stderr))
    partial = directory / f"check-{size}.building.sqlite"
    shutil.copyfile(backend.location(size), partial)
    started = time.perf_counter()
    store = Store(str(partial))
    store.import_parsed(parse_files([str(DEFAULT_SOURCE)]))
    store.engine.dispose()
    print(f"imported the bundled records into the {size:,}-fact store in {time.perf_counter() - started:.1f} s",
          file=sys.stderr)
    partial.rename(target)
    return str(target)


def time_in_process(location: str, repeat: int) -> list[float]:
    """Open the store, run the whole pipeline on the seed and render JSON, `repeat` times."""
    import datetime as dt

    from claims_db.query import Reader
    from verifier.config import load, with_flags
    from verifier.report import render
    from verifier.run import execute

    config = with_flags(load(None), as_of=dt.date(2025, 6, 26))
    timings = []
    for _ in range(repeat + 2):
        started = time.perf_counter()
        reader = Reader(location)
        render("json", execute([str(SEED)], config, reader, dt.date(2025, 6, 26)))
        reader.close()
        timings.append(time.perf_counter() - started)
    return timings[2:]  # the first calls warm the OS cache


def time_cold(location: str, repeat: int) -> list[float]:
    """A new process per check, as a user or CI runs it: with the bytecode cache an installed package has.

    PYTHONDONTWRITEBYTECODE (set on some machines and CI images) is removed for the run, and one untimed
    check writes the cache; without it every module is compiled from source, which adds ~0.15 s to each run."""
    import os

    command = [sys.executable, "-m", "verifier.cli", "check", str(SEED), "--db", location, "--format", "json",
               "--fail-on", "never"]
    environ = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=environ)
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=environ)
        timings.append(time.perf_counter() - started)
    return timings


# A cold check run through this, so its peak RSS is its own (VmHWM; see benchmarks.import_speed).
CHILD = """
import sys
from verifier.cli import main
code = main(sys.argv[1:])
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM"))
print(peak / 1024, file=sys.stderr)
sys.exit(code)
"""


def peak_mb(location: str) -> float:
    """The peak RSS of one cold `verifier check` of the seed article, in MB."""
    done = subprocess.run([sys.executable, "-c", CHILD, "check", str(SEED), "--db", location, "--format", "json",
                           "--fail-on", "never"], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True)
    return float(done.stderr.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.check_scale", description=__doc__.split("\n\n")[0])
    parser.add_argument("--dir", type=Path, help="where the big store is built or reused (default: a temporary dir)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000],
                        help="facts in each synthetic store (default 10,000 100,000 1,000,000)")
    parser.add_argument("--big", action="store_true", help="add a 10,000,000-fact store")
    parser.add_argument("--repeat", type=int, default=20, help="timed checks per store (default 20)")
    args = parser.parse_args(argv)
    if not SEED.exists():
        print(f"the seed article is not at {SEED}; lay out ../shared beside the project", file=sys.stderr)
        return 2
    from claims_db.locate import default_store

    directory = args.dir or Path(tempfile.mkdtemp(prefix="check-scale-"))
    directory.mkdir(parents=True, exist_ok=True)
    sizes = sorted(set(args.sizes) | ({10_000_000} if args.big else set()))
    stores = {"bundled": default_store(), **{f"{size:,} facts": big_store(directory, size) for size in sizes}}
    text = SEED.read_text(encoding="utf-8")
    rows = {}
    for label, location in stores.items():
        rows[label] = (time_in_process(location, args.repeat), time_cold(location, max(3, args.repeat // 4)),
                       peak_mb(location))
    print(f"Checking the seed article ({len(text):,} characters): median and p95 in ms, peak RSS of a cold check")
    print(f"  {'store':<20}{'in-process':>12}{'p95':>9}{'cold CLI':>12}{'p95':>9}{'peak MB':>9}{'x bundled':>16}")
    small_warm, small_cold, _ = rows["bundled"]
    for label, (warm, cold, peak) in rows.items():
        ratios = f"{statistics.median(warm) / statistics.median(small_warm):.2f} / " \
                 f"{statistics.median(cold) / statistics.median(small_cold):.2f}"
        print(f"  {label:<20}{_ms(statistics.median(warm)):>12}{_ms(_p95(warm)):>9}"
              f"{_ms(statistics.median(cold)):>12}{_ms(_p95(cold)):>9}{peak:>9.0f}{ratios:>16}")
    print("  (x bundled: in-process / cold CLI median over the bundled store's; target: under 2x at any size)")
    return 0


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}"


if __name__ == "__main__":
    sys.exit(main())
