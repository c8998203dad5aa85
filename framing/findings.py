"""The finding: one flagged span of the text, with what it is, whose voice it is in and
why it matters. Every analysis module returns these; renderers read them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

VOICES = ("author", "quoted")
"""``author``: the writer's own words. ``quoted``: inside a quotation, the speaker's."""


@dataclass(frozen=True, slots=True)
class Support:
    """What backs a generalisation: the span of text that names its source
    (``kind``: ``named_source``, ``study``, ``link`` ...) and the rule that found it."""

    kind: str
    start: int
    end: int
    text: str
    rule: str

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "start": self.start, "end": self.end, "text": self.text, "rule": self.rule}


@dataclass(frozen=True, slots=True)
class Finding:
    """A flagged span: ``text == analysed_text[start:end]``.

    ``score`` is the weight (0 to 1) the finding adds to its paragraph's score when it
    is in the author's voice; quoted findings are reported but not counted.
    ``rule`` is the lexicon entry id (or detector name) that produced it.
    ``attributed`` is, for a label in the author's voice, the cue word with which the
    sentence attributes it to a source (such findings weigh half).

    Generalisations, hedges and boosters carry ``question`` (what a careful reader
    asks); generalisations also carry the claim's span (``claim_start``/``claim_end``,
    the sentence) and whether the text backs it (``supported``, with ``support``).
    ``context`` is set when the sentence classifier reads the finding's sentence as
    neutral: its probability, and the finding then weighs half.
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
    question: str | None = None
    supported: bool | None = None
    support: Support | None = None
    claim_start: int | None = None
    claim_end: int | None = None
    context: float | None = None

    @property
    def counted(self) -> bool:
        """Whether the finding counts toward the author's scores."""
        return self.voice == "author"

    def to_dict(self) -> dict[str, Any]:
        """The finding as the JSON schema ``framing.report/1`` writes it."""
        data = self._base_dict()
        if self.kind == "loaded_language":
            data["attributed"] = self.attributed
            data["context"] = self.context
        else:
            data["question"] = self.question
        if self.kind == "generalisation":
            data["supported"] = self.supported
            data["support"] = self.support.to_dict() if self.support else None
            data["claim_start"] = self.claim_start
            data["claim_end"] = self.claim_end
        return data

    def _base_dict(self) -> dict[str, Any]:
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
        }
