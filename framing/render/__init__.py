"""Renderers: each turns a Report into one output format and reads nothing else."""

from __future__ import annotations

from typing import Sequence

from framing.report import Report

FORMATS = ("text", "json", "jsonl")


def render(reports: Sequence[Report], fmt: str, *, colour: bool = False) -> str:
    """All ``reports`` in format ``fmt`` (one of FORMATS) as one string."""
    if fmt == "text":
        from framing.render.text import render_text

        return "\n".join(render_text(r, colour=colour) for r in reports)
    if fmt == "json":
        from framing.render.json import render_json

        return render_json(reports)
    if fmt == "jsonl":
        from framing.render.json import render_jsonl

        return render_jsonl(reports)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
