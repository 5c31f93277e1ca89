"""Reading the README's console examples: a fenced block between two markers, split into its runs."""

from __future__ import annotations

from pathlib import Path

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def console_block(name: str) -> str:
    """The ```console block between `<!-- NAME:start -->` and `<!-- NAME:end -->`."""
    return README.split(f"<!-- {name}:start -->\n```console\n", 1)[1].split(f"```\n<!-- {name}:end -->", 1)[0]


def console_runs(block: str) -> list[tuple[str, list[str]]]:
    """(command line, the lines shown under it) for each `$ ...` line of a console block."""
    runs: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            runs.append((line[2:], []))
        else:
            runs[-1][1].append(line)
    return runs
