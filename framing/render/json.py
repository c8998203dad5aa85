"""JSON and JSON Lines output (schema ``framing.report/1``, see docs/schema.md).

One file gives one JSON object; several give a JSON array of them. JSON Lines gives one
report object per line, for streaming many articles.
"""

from __future__ import annotations

import json
from typing import Sequence

from framing.report import Report


def render_json(reports: Sequence[Report]) -> str:
    data = reports[0].to_dict() if len(reports) == 1 else [r.to_dict() for r in reports]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render_jsonl(reports: Sequence[Report]) -> str:
    return "".join(json.dumps(r.to_dict(), ensure_ascii=False) + "\n" for r in reports)
