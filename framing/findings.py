"""The finding: one flagged span of the text, with what it is, whose voice it is in and
why it matters. Every analysis module returns these; renderers read them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

VOICES = ("author", "quoted")
"""``author``: the writer's own words. ``quoted``: inside a quotation, the speaker's."""


@dataclass(frozen=True)
class Finding:
    """A flagged span: ``text == analysed_text[start:end]``.

    ``score`` is the weight (0 to 1) the finding adds to its paragraph's score when it
    is in the author's voice; quoted findings are reported but not counted.
    ``rule`` is the lexicon entry id (or detector name) that produced it.
    ``attributed`` is, for a label in the author's voice, the cue word with which the
    sentence attributes it to a source (such findings weigh half).
    """

    kind: str
    category: str
    start: int
    end: int
    text: str
    voice: str
    severity: str
    score: float
    rule: str
    explanation: str
    suggestion: str | None = None
    attributed: str | None = None

    @property
    def counted(self) -> bool:
        """Whether the finding counts toward the author's scores."""
        return self.voice == "author"

    def to_dict(self) -> dict[str, Any]:
        """The finding as the JSON schema ``framing.report/1`` writes it."""
        return {
            "kind": self.kind,
            "category": self.category,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "voice": self.voice,
            "severity": self.severity,
            "score": round(self.score, 3),
            "rule": self.rule,
            "explanation": self.explanation,
            "suggestion": self.suggestion,
            "attributed": self.attributed,
        }
