"""JSON and JSON Lines output (schema ``framing.report/1``, see docs/schema.md).

One file gives one JSON object; several give a JSON array of them. JSON Lines gives one
report object per line, for streaming many articles.
"""

from __future__ import annotations

import json
from typing import Iterator, Sequence

from framing.report import Report


def render_json(reports: Sequence[Report]) -> str:
    return "".join(json_chunks(reports))


def json_chunks(reports: Sequence[Report], size: int = 1 << 16) -> Iterator[str]:
    """The JSON output in pieces of about ``size`` characters. Encoding a large report
    into one string first costs several times its size in memory (a 15 MB article's
    report is 120 million characters); written piece by piece it costs nothing extra."""
    data = reports[0].to_dict() if len(reports) == 1 else [r.to_dict() for r in reports]
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
