"""JSON and JSON Lines output (schema ``framing.report/1``, see docs/schema.md).

One input gives one JSON object; several inputs give a JSON array of them, however many
could be analysed (``as_array``: the caller knows how many it was given). JSON Lines
gives one report object per line, for streaming many articles.
"""

from __future__ import annotations

import json
from typing import Iterator, Sequence

from framing.report import Report


def render_json(reports: Sequence[Report], as_array: bool | None = None) -> str:
    """The JSON output as one string (see :func:`json_chunks`)."""
    return "".join(json_chunks(reports, as_array=as_array))


def json_chunks(reports: Sequence[Report], size: int = 1 << 16, as_array: bool | None = None) -> Iterator[str]:
    """The JSON output in pieces of about ``size`` characters. Encoding a large report
    into one string first costs several times its size in memory (a 15 MB article's
    report is 120 million characters); written piece by piece it costs nothing extra.

    ``as_array``: write an array (several inputs were given, even if only one or none of
    them could be analysed) or the single report object; None decides by the number of
    ``reports``."""
    if as_array is None:
        as_array = len(reports) != 1
    data = [r.to_dict() for r in reports] if as_array else reports[0].to_dict()
    pending: list[str] = []
    length = 0
    for piece in json.JSONEncoder(ensure_ascii=False, indent=2).iterencode(data):
        pending.append(piece)
        length += len(piece)
        if length >= size:
            yield "".join(pending)
            pending, length = [], 0
    pending.append("\n")
    yield "".join(pending)


def render_jsonl(reports: Sequence[Report]) -> str:
    return "".join(json.dumps(r.to_dict(), ensure_ascii=False) + "\n" for r in reports)
