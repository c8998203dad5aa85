"""Lexicon files: the TOML format, loading and validation.

A lexicon is data the project curates: every entry carries its term or pattern, a
category, a severity, an explanation a student can read, a neutral alternative where one
exists, the contexts in which it is not loaded, and examples that must flag and must
pass. The format is documented in ``lexicons/README.md``. This module only reads and
validates; :mod:`framing.matcher` applies entries to text.

A broken file raises :class:`LexiconError`, whose message reads ``file:line: what is
wrong`` so an editor or a curator can jump straight to it.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache, lru_cache
from re import _constants as _regex_constants, _parser as _regex_parser
from pathlib import Path
from typing import Any, Callable, Iterable

from framing.resources import UnreadableFile, lexicon_dir, read_utf8

_LOOK_AROUND = (_regex_constants.ASSERT, _regex_constants.ASSERT_NOT)

FINDING_KINDS = ("loaded_language", "generalisation", "hedge", "booster")
"""Kinds of finding a lexicon may produce."""

AUX_KINDS = ("boilerplate", "support", "reporting_verb", "source_marker")
"""Kinds of lexicon that configure the analysis rather than produce findings:
boilerplate (the document model), support (generalisations), reporting_verb and
source_marker (attribution cues, see framing.attribution)."""

CATEGORIES: dict[str, tuple[str, ...]] = {
    "loaded_language": (
        "contentious_label",
        "pejorative_label",
        "dehumanising_metaphor",
        "emotive",
        "intensifier",
        "doubt_verb",
        "euphemism",
        "dysphemism",
    ),
    "generalisation": (
        "common_knowledge",
        "vague_authority",
        "agentless_passive",
        "sweeping_quantifier",
        "group_generic",
    ),
    "hedge": ("hedge",),
    "booster": ("booster",),
    "boilerplate": ("boilerplate",),
    "support": ("named_source", "study", "link", "figure", "naming"),
    "reporting_verb": ("neutral", "loaded"),
    "source_marker": ("preposition", "medium", "noun"),
}

SEVERITIES = ("info", "notice", "warning")
DEFAULT_SCORE = {"info": 0.25, "notice": 0.5, "warning": 0.8}

_NAME_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_ID_RE = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_-]+)+$")
_ENTRY_HEADER_RE = re.compile(r"^\s*\[\[\s*entry\s*\]\]\s*(#.*)?$")

_ENTRY_KEYS = {
    "id", "terms", "pattern", "case", "category", "severity", "score", "explanation",
    "suggestion", "exceptions", "followed_by", "not_followed_by", "preceded_by",
    "not_preceded_by", "flag", "pass", "note",
}
_HEADER_KEYS = {"name", "kind", "description", "provenance", "version", "fragments"}
_FRAGMENT_NAME_RE = re.compile(r"[A-Z][A-Z0-9_]*\Z")
_FRAGMENT_USE_RE = re.compile(r"\{([A-Z][A-Z0-9_]*)\}")


class LexiconError(ValueError):
    """A lexicon file that cannot be used, located as ``file:line``."""

    def __init__(self, path: str | Path, line: int, message: str) -> None:
        self.path = str(path)
        self.line = line
        self.message = message
        # Line 0 means the problem is the file as a whole (missing, unreadable).
        super().__init__(f"{self.path}:{line}: {message}" if line else f"{self.path}: {message}")


@dataclass(frozen=True)
class Entry:
    """One rule of a lexicon.

    ``terms`` are matched as whole words (see lexicons/README.md); ``pattern`` is a
    regular expression used instead. The context fields narrow where the rule applies.
    ``score`` is the weight a hit adds to a loaded-language score (0 to 1).
    """

    id: str
    kind: str
    category: str
    severity: str
    score: float
    explanation: str
    suggestion: str | None = None
    terms: tuple[str, ...] = ()
    pattern: str | None = None
    case_sensitive: bool = False
    exceptions: tuple[str, ...] = ()
    followed_by: str | None = None
    not_followed_by: str | None = None
    preceded_by: str | None = None
    not_preceded_by: str | None = None
    flag: tuple[str, ...] = ()
    passes: tuple[str, ...] = ()
    note: str | None = None
    lexicon: str = ""
    path: str = ""
    line: int = 0

    @property
    def location(self) -> str:
        """``file:line`` of the entry's ``[[entry]]`` header."""
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Lexicon:
    """A validated lexicon file: its header and its entries, in file order."""

    name: str
    kind: str
    description: str
    provenance: str
    version: int
    path: str
    entries: tuple[Entry, ...] = field(default=())

    def categories(self) -> dict[str, int]:
        """Number of entries per category, in first-seen order."""
        counts: dict[str, int] = {}
        for entry in self.entries:
            counts[entry.category] = counts.get(entry.category, 0) + 1
        return counts


def _line_of_key(lines: list[str], start: int, stop: int, key: str) -> int:
    """1-based line of ``key = ...`` between two 0-based line indexes, else ``start+1``."""
    key_re = re.compile(rf"""^\s*(?:{re.escape(key)}|"{re.escape(key)}"|'{re.escape(key)}')\s*=""")
    for index in range(start, min(stop, len(lines))):
        if key_re.match(lines[index]):
            return index + 1
    return start + 1


def _string_list(value: Any, where: str, path: str, line: Callable[[], int]) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise LexiconError(path, line(), f"{where} must be a list of non-empty strings")
    return tuple(value)


def _check_regex(value: Any, where: str, path: str, line: Callable[[], int]) -> str:
    if not isinstance(value, str) or not value:
        raise LexiconError(path, line(), f"{where} must be a non-empty regular expression")
    try:
        validate_regex(value)
    except re.error as exc:
        raise LexiconError(path, line(), f"{where} is not a valid regular expression: {exc}") from None
    return value


@lru_cache(maxsize=4096)
def parse_regex(value: str) -> Any:
    """Python's own parse tree of the regular expression ``value`` (``re.error`` if it is
    not one). Cached: validating a lexicon and indexing its patterns both read it, and
    the tree is never changed. The cache is emptied whenever the matchers of a
    configuration have been indexed (``framing.matcher.share_scans``), since those
    trees are not read again; trees parsed after that wait for the next emptying."""
    return _regex_parser.parse(value)


def validate_regex(value: str) -> None:
    """Raise ``re.error`` if ``value`` is not a regular expression Python can compile.

    Parsing finds every syntax error; the one check the compiler adds, a look-behind of
    varying width, is made here on the parse tree. This is several times cheaper than
    compiling, and lexicons hold hundreds of expressions that a run mostly never needs
    compiled (they compile on first use)."""
    tree = parse_regex(value)
    if "(?<" not in value:
        return  # no look-behind (named groups "(?P<" are not one)
    pending: list[Any] = [tree]
    while pending:
        item = pending.pop()
        if isinstance(item, _regex_parser.SubPattern):
            for op, arg in item:
                if op in _LOOK_AROUND and arg[0] < 0:
                    low, high = arg[1].getwidth()
                    if low != high:
                        raise re.error("look-behind requires fixed-width pattern")
                pending.append(arg)
        elif isinstance(item, (tuple, list)):
            pending.extend(item)


def parse_lexicon(text: str, path: str | Path = "<string>", check_regexes: bool = True) -> Lexicon:
    """Parse and validate lexicon TOML ``text``; ``path`` names it in errors.

    ``check_regexes=False`` skips parsing the context rules' regular expressions, which
    is most of the cost of loading a lexicon; it is meant for the shipped lexicons, which
    the test-suite checks entry by entry. A rule that turns out broken then raises
    LexiconError (``file:line``) when it is first used instead."""
    path = str(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        if match:
            line = int(match.group(1))
        elif "end of document" in str(exc):
            line = max(len(text.splitlines()), 1)
        else:
            line = 1
        raise LexiconError(path, line, f"not valid TOML: {exc}") from None
    lines = text.splitlines()
    header_line = next((i for i, l in enumerate(lines) if l.strip().startswith("[lexicon]")), 0)
    entry_lines = [i for i, l in enumerate(lines) if _ENTRY_HEADER_RE.match(l)]

    unknown_top = set(data) - {"lexicon", "entry"}
    if unknown_top:
        raise LexiconError(path, 1, f"unknown top-level key(s): {', '.join(sorted(unknown_top))}")
    header = data.get("lexicon")
    if not isinstance(header, dict):
        raise LexiconError(path, 1, "missing the [lexicon] header table")

    def hline(key: str) -> int:
        stop = entry_lines[0] if entry_lines else len(lines)
        return _line_of_key(lines, header_line, stop, key)

    for key in sorted(set(header) - _HEADER_KEYS):
        raise LexiconError(path, hline(key), f"[lexicon]: unknown key '{key}'")
    for key in ("name", "kind", "description", "provenance"):
        if not isinstance(header.get(key), str) or not header[key].strip():
            raise LexiconError(path, hline(key), f"[lexicon]: '{key}' must be a non-empty string")
    name, kind = header["name"], header["kind"]
    if not _NAME_RE.match(name):
        raise LexiconError(path, hline("name"), f"[lexicon]: name '{name}' may hold only a-z, 0-9, '-' and '_'")
    if kind not in CATEGORIES:
        raise LexiconError(path, hline("kind"), f"[lexicon]: kind must be one of {', '.join(CATEGORIES)}")
    version = header.get("version", 1)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise LexiconError(path, hline("version"), "[lexicon]: version must be a positive integer")

    fragments = _fragments(header.get("fragments", {}), path, hline)

    raw_entries = data.get("entry", [])
    if not isinstance(raw_entries, list) or not raw_entries:
        raise LexiconError(path, header_line + 1, "the lexicon has no [[entry]] tables")

    entries: list[Entry] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(raw_entries):
        start = entry_lines[number] if number < len(entry_lines) else header_line
        stop = entry_lines[number + 1] if number + 1 < len(entry_lines) else len(lines)
        entry = _parse_entry(raw, kind, name, path, lines, start, stop, check_regexes, fragments)
        if entry.id in seen:
            raise LexiconError(path, entry.line, f"entry '{entry.id}': duplicate id (first at line {seen[entry.id]})")
        seen[entry.id] = entry.line
        entries.append(entry)

    if kind in FINDING_KINDS:
        by_category: dict[str, list[Entry]] = {}
        for entry in entries:
            by_category.setdefault(entry.category, []).append(entry)
        for category, members in by_category.items():
            if not any(e.passes for e in members):
                raise LexiconError(
                    path, members[0].line,
                    f"category '{category}' has no 'pass' example (a near-miss that must not flag)",
                )
    return Lexicon(
        name=name, kind=kind, description=header["description"].strip(),
        provenance=header["provenance"].strip(), version=version, path=path,
        entries=tuple(entries),
    )


def _fragments(table: Any, path: str, hline: Callable[[str], int]) -> dict[str, str]:
    """The ``[lexicon.fragments]`` table: named pieces of regular expression that the
    entries' patterns and context rules use as ``{NAME}``."""
    if not isinstance(table, dict):
        raise LexiconError(path, hline("fragments"), "[lexicon]: 'fragments' must be a table of NAME = \"regex\"")
    fragments = {}
    for name, value in table.items():
        if not _FRAGMENT_NAME_RE.match(name):
            raise LexiconError(path, hline(name), f"[lexicon.fragments]: name '{name}' must be upper case "
                                                  "letters, digits and '_', starting with a letter")
        fragments[name] = _check_regex(value, f"[lexicon.fragments]: '{name}'", path, lambda: hline(name))
    return fragments


def _expand(value: Any, fragments: dict[str, str], where: str, path: str, line: Callable[[], int]) -> Any:
    """``value`` with each ``{NAME}`` replaced by its fragment, as a group."""
    if not isinstance(value, str) or "{" not in value:
        return value

    def fragment(use: re.Match) -> str:
        if use.group(1) not in fragments:
            raise LexiconError(path, line(), f"{where} uses {{{use.group(1)}}}, which [lexicon.fragments] does not define")
        return "(?:" + fragments[use.group(1)] + ")"

    return _FRAGMENT_USE_RE.sub(fragment, value)


def _parse_entry(raw: Any, kind: str, lexicon: str, path: str, lines: list[str], start: int, stop: int,
                 check_regexes: bool = True, fragments: dict[str, str] | None = None) -> Entry:
    line = start + 1

    def kline(key: str) -> int:
        return _line_of_key(lines, start, stop, key)

    if not isinstance(raw, dict):
        raise LexiconError(path, line, "each [[entry]] must be a table")
    ident = raw.get("id")
    if not isinstance(ident, str) or not _ID_RE.match(ident):
        raise LexiconError(path, kline("id"), "entry: 'id' must be a dotted lower-case id such as 'loaded.label.thug'")
    where = f"entry '{ident}'"
    for key in sorted(set(raw) - _ENTRY_KEYS):
        raise LexiconError(path, kline(key), f"{where}: unknown key '{key}'")

    terms: tuple[str, ...] = ()
    if "terms" in raw:
        terms = _string_list(raw["terms"], f"{where}: 'terms'", path, lambda: kline("terms"))
    pattern = None
    fragments = fragments or {}
    if "pattern" in raw:
        value = _expand(raw["pattern"], fragments, f"{where}: 'pattern'", path, lambda: kline("pattern"))
        pattern = _check_regex(value, f"{where}: 'pattern'", path, lambda: kline("pattern"))
    if bool(terms) == bool(pattern):
        raise LexiconError(path, line, f"{where}: give exactly one of 'terms' or 'pattern'")

    category = raw.get("category")
    if category not in CATEGORIES[kind]:
        raise LexiconError(path, kline("category"), f"{where}: category must be one of {', '.join(CATEGORIES[kind])}")

    default_severity = "info" if kind in AUX_KINDS else None
    severity = raw.get("severity", default_severity)
    if severity not in SEVERITIES:
        raise LexiconError(path, kline("severity"), f"{where}: severity must be one of {', '.join(SEVERITIES)}")
    score = raw.get("score", DEFAULT_SCORE[severity])
    if isinstance(score, bool) or not isinstance(score, (int, float)) or not 0 <= score <= 1:
        raise LexiconError(path, kline("score"), f"{where}: score must be a number from 0 to 1")

    explanation = raw.get("explanation")
    if not isinstance(explanation, str) or not explanation.strip():
        raise LexiconError(path, kline("explanation"), f"{where}: 'explanation' must be a non-empty string")
    suggestion = raw.get("suggestion")
    if suggestion is not None and (not isinstance(suggestion, str) or not suggestion.strip()):
        raise LexiconError(path, kline("suggestion"), f"{where}: 'suggestion' must be a non-empty string when given")

    case = raw.get("case", "insensitive")
    if case not in ("insensitive", "sensitive"):
        raise LexiconError(path, kline("case"), f"{where}: case must be 'insensitive' or 'sensitive'")

    context: dict[str, str | None] = {}
    for key in ("followed_by", "not_followed_by", "preceded_by", "not_preceded_by"):
        if key not in raw:
            context[key] = None
            continue
        value = _expand(raw[key], fragments, f"{where}: '{key}'", path, lambda: kline(key))
        if check_regexes:
            context[key] = _check_regex(value, f"{where}: '{key}'", path, lambda: kline(key))
        elif isinstance(value, str) and value:
            context[key] = value
        else:
            raise LexiconError(path, kline(key), f"{where}: '{key}' must be a non-empty regular expression")

    exceptions = _string_list(raw.get("exceptions", []), f"{where}: 'exceptions'", path, lambda: kline("exceptions"))
    flag = _string_list(raw.get("flag", []), f"{where}: 'flag'", path, lambda: kline("flag"))
    passes = _string_list(raw.get("pass", []), f"{where}: 'pass'", path, lambda: kline("pass"))
    if not flag:
        raise LexiconError(path, kline("flag") if "flag" in raw else line, f"{where}: needs at least one 'flag' example")
    note = raw.get("note")
    if note is not None and not isinstance(note, str):
        raise LexiconError(path, kline("note"), f"{where}: 'note' must be a string")

    return Entry(
        id=ident, kind=kind, category=category, severity=severity, score=float(score),
        explanation=" ".join(explanation.split()),
        suggestion=suggestion.strip() if suggestion else None,
        terms=terms, pattern=pattern, case_sensitive=case == "sensitive",
        exceptions=exceptions, flag=flag, passes=passes, note=note,
        lexicon=lexicon, path=path, line=line, **context,
    )


def load_lexicon(path: str | Path, check_regexes: bool = True) -> Lexicon:
    """Read and validate the lexicon file at ``path``.

    Raises LexiconError (``file:line: ...``) for a missing, unreadable or invalid file.
    """
    path = Path(path)
    try:
        text = read_utf8(path, "a lexicon file")
    except UnreadableFile as exc:
        raise LexiconError(path, exc.line, exc.reason) from None
    return parse_lexicon(text, path, check_regexes)


def shipped_lexicon_paths() -> tuple[Path, ...]:
    """Paths of every lexicon file shipped with framing, sorted by name."""
    return tuple(sorted(lexicon_dir().glob("*.toml")))


@cache
def shipped_lexicons() -> tuple[Lexicon, ...]:
    """Every shipped lexicon, loaded once per process (they are read-only data, checked
    entry by entry by the test-suite, so their context rules are not re-parsed on every
    start; see :func:`parse_lexicon`)."""
    return tuple(load_lexicon(p, check_regexes=False) for p in shipped_lexicon_paths())


def shipped_lexicon(name: str) -> Lexicon:
    """The shipped lexicon called ``name``; KeyError if there is none."""
    for lexicon in shipped_lexicons():
        if lexicon.name == name:
            return lexicon
    raise KeyError(name)


def check_unique_ids(lexicons: tuple[Lexicon, ...] | list[Lexicon]) -> None:
    """Raise LexiconError if two lexicons define the same entry id."""
    seen: dict[str, Entry] = {}
    for lexicon in lexicons:
        for entry in lexicon.entries:
            if entry.id in seen:
                first = seen[entry.id]
                raise LexiconError(entry.path, entry.line, _id_used(entry, first))
            seen[entry.id] = entry


def id_clashes(lexicon: Lexicon, others: Iterable[Lexicon]) -> list[str]:
    """One ``file:line: ...`` message per entry of ``lexicon`` whose id one of ``others``
    already uses (as :func:`check_unique_ids` words it). A lexicon of ``others`` read
    from the same file as ``lexicon`` is skipped, so a shipped file checked against the
    shipped set does not clash with itself."""
    own = Path(lexicon.path).resolve()
    used: dict[str, Entry] = {}
    for other in others:
        if Path(other.path).resolve() != own:
            for entry in other.entries:
                used.setdefault(entry.id, entry)
    return [f"{entry.location}: {_id_used(entry, used[entry.id])}" for entry in lexicon.entries if entry.id in used]


def _id_used(entry: Entry, first: Entry) -> str:
    """What is wrong with ``entry`` when ``first`` (elsewhere) has its id already."""
    return f"entry '{entry.id}': id already used at {first.location}"
