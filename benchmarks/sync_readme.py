"""Rewrite the README's example report with the real output of `verifier check` on the example, and its
rule book with the registry's.

    python -m benchmarks.sync_readme

tests/test_readme.py fails whenever the two differ; run this after a change that legitimately
alters the example's report, and read the diff before committing it.
"""

import contextlib
import io
import os
from pathlib import Path

from verifier.cli import main
from verifier.rulebook import markdown

ROOT = Path(__file__).resolve().parents[1]
MARK = "the bundled store holds. Its report:\n\n```\n"
RULES_START, RULES_END = "<!-- rules:start -->", "<!-- rules:end -->"


def sync() -> None:
    os.chdir(ROOT)
    os.environ.pop("NO_COLOR", None)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main(["check", os.path.join("examples", "sco-defence-talks.md")])
    readme = ROOT / "README.md"
    head, rest = readme.read_text(encoding="utf-8").split(MARK, 1)
    tail = rest.split("```", 1)[1]
    text = head + MARK + out.getvalue() + "```" + tail
    before, rest = text.split(RULES_START, 1)
    after = rest.split(RULES_END, 1)[1]
    readme.write_text(before + RULES_START + "\n" + markdown() + RULES_END + after, encoding="utf-8")


if __name__ == "__main__":
    sync()
