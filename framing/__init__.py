"""framing: how a news article frames its story, paragraph by paragraph.

In Python::

    import framing
    report = framing.analyse(text)            # a Report: paragraphs, findings, scores
    reports = framing.analyse_many(texts)     # the same for many articles, faster
    framing.score_loaded_language(text)       # findings and the loaded-language score

The public names are imported on first use, so ``import framing`` stays cheap.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "analyse": "framing.report",
    "analyse_many": "framing.report",
    "AnalysisConfig": "framing.report",
    "Report": "framing.report",
    "ParagraphReport": "framing.report",
    "Summary": "framing.report",
    "SCHEMA": "framing.report",
    "Finding": "framing.findings",
    "score_loaded_language": "framing.loaded",
    "LoadedConfig": "framing.loaded",
    "LoadedLanguageScore": "framing.loaded",
    "attribution_balance": "framing.attribution",
    "find_attributions": "framing.attribution",
    "Attribution": "framing.attribution",
    "AttributionResult": "framing.attribution",
    "AttributionConfig": "framing.attribution",
    "Document": "framing.document",
    "parse": "framing.document",
    "find_generalisations": "framing.generalisation",
    "GeneralisationConfig": "framing.generalisation",
    "measure_readability": "framing.readability",
    "Readability": "framing.readability",
    "Lexicon": "framing.lexicon",
    "LexiconError": "framing.lexicon",
    "load_lexicon": "framing.lexicon",
    "read_text_file": "framing.inputs",
    "InputError": "framing.inputs",
}

# Exported under another name: ``framing.readability`` is the module (a submodule's name
# is bound on the package when it is first imported, whatever the package said before).
_RENAMED = {"measure_readability": "readability"}

__all__ = sorted(_EXPORTS) + ["__version__"]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'framing' has no attribute {name!r}")
    value = getattr(import_module(module), _RENAMED.get(name, name))
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
