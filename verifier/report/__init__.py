"""Renderers: each turns a RunResult into one output format and nothing else.

A format is a module of this package with `render(result, colour=False, explain=False) -> str`
(`explain`: also the rules behind each verdict, where the format is for people to read);
FORMATS lists them, so adding one touches its module and this line.
"""

from __future__ import annotations

import importlib

FORMATS = ("text", "json", "html", "sarif", "github", "junit", "rdjson", "claimreview")


def render(name: str, result, colour: bool = False, explain: bool = False) -> str:
    return importlib.import_module(f"{__name__}.{name}").render(result, colour=colour, explain=explain)
