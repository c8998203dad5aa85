"""The ``framing`` command line: argument parsing over the library, nothing more.

Each command reads its arguments, calls one library function and hands the result to a
renderer. Library modules are imported inside the commands so that ``framing --help``
starts fast.
"""

from __future__ import annotations

import errno
import os
import sys
from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING, Callable, NoReturn, Sequence

import click

if TYPE_CHECKING:
    from framing.lexicon import Lexicon

from framing import __version__


class ExitCode(IntEnum):
    """Exit codes of every ``framing`` command (documented in the README)."""

    OK = 0
    INTERNAL_ERROR = 1
    USAGE = 2
    BAD_INPUT = 3
    BAD_LEXICON = 4
    OUTPUT_FAILED = 5


FILE = click.Path(readable=False, path_type=str)
"""The type of every file option: a path that click leaves unchecked, so that a missing,
unreadable or wrong kind of file (a directory) is reported by the library with the exit
code the README's table gives that file (3 for an input, 4 for a lexicon), not as
click's usage error."""


def fail(message: str, code: ExitCode) -> NoReturn:
    """Print one line on stderr and exit with ``code``."""
    click.echo(f"framing: error: {message}", err=True)
    sys.exit(int(code))


def emit(text: str, *, nl: bool = True, colour: bool | None = None, status: ExitCode = ExitCode.OK) -> None:
    """Write ``text`` to standard output (``colour`` as for ``click.echo``).

    A reader that stops early (``framing ... | head``) ends the command quietly with
    ``status``, the exit code the inputs gave so far; any other failure to write (a full
    disk, a closed standard output) is one error line and exit code OUTPUT_FAILED.
    """
    if sys.stdout is None:
        fail("cannot write the output: standard output is closed", ExitCode.OUTPUT_FAILED)
    try:
        click.echo(text, nl=nl, color=colour)
    except BrokenPipeError:
        _reader_gone(status)
    except OSError as exc:
        _detach_stdout()
        fail(f"cannot write the output: {exc.strerror or exc}", ExitCode.OUTPUT_FAILED)


def _use_colour(choice: bool | None) -> bool:
    if choice is not None:
        return choice
    if os.environ.get("NO_COLOR"):
        return False
    return sys.stdout is not None and sys.stdout.isatty()  # (closed: emit() says so)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="framing")
def cli() -> None:
    """Show how a news article frames its story, paragraph by paragraph.

    \b
    Examples:
      framing report article.txt
      framing report --format json article.txt > report.json
      framing report --format html article.txt > report.html
      framing compare tabloid.txt wire.txt
      cat article.txt | framing report -
      framing lexicon list
    """


def _analysis_config(lexicons: Sequence[str], allow: Sequence[str], allow_file: str | None,
                     shipped_model: bool = True):
    from framing.lexicon import LexiconError
    from framing.loaded import read_cue_list
    from framing.report import AnalysisConfig

    config = AnalysisConfig.default(model=shipped_model)
    loaded = config.loaded
    try:
        if lexicons:
            config = config.with_loaded_lexicons(_lexicons_that_pass_the_check(lexicons))
            loaded = config.loaded
    except LexiconError as exc:
        fail(str(exc), ExitCode.BAD_LEXICON)
    words = list(allow)
    if allow_file:
        try:
            words.extend(read_cue_list(Path(allow_file)))
        except (OSError, UnicodeDecodeError) as exc:
            fail(f"{allow_file}: cannot read allow file: {getattr(exc, 'strerror', None) or exc}", ExitCode.BAD_INPUT)
    if words:
        loaded = loaded.with_allowed(words)
    from dataclasses import replace

    return replace(config, loaded=loaded)


def _lexicons_that_pass_the_check(paths: Sequence[str]) -> list[Lexicon]:
    """The user lexicons at ``paths``, each read once; exit 4 on the first whose
    examples do not behave (or whose ids a shipped lexicon uses): ``report --lexicon``
    refuses every file ``lexicon check`` refuses (and, in ``with_loaded_lexicons``,
    kinds it cannot add). One line, however many problems the file has. LexiconError
    for a file that does not load."""
    from framing.lexicon_check import lexicon_file_problems

    lexicons = []
    for path in paths:
        lexicon, problems = lexicon_file_problems(path)
        if problems:
            more = f" (and {len(problems) - 1} more: see 'framing lexicon check {path}')" if len(problems) > 1 else ""
            fail(problems[0] + more, ExitCode.BAD_LEXICON)
        lexicons.append(lexicon)
    return lexicons


def _text_codec(ctx: click.Context, param: click.Parameter, encoding: str | None) -> str | None:
    """Check ``--encoding`` once, before any input is read: an unknown or non-text codec
    is one error line (exit 3, as for an input it cannot decode), however many files."""
    from framing.inputs import text_codec

    if encoding is not None:
        try:
            text_codec(encoding)
        except LookupError as exc:
            fail(str(exc), ExitCode.BAD_INPUT)
    return encoding


def _input_options(command: Callable) -> Callable:
    """The options that say how inputs are read (``--encoding``, ``--max-size``), shared
    by every command that reads articles so that they mean the same everywhere."""
    command = click.option(
        "--max-size", type=click.IntRange(min=1), default=16, show_default=True, metavar="MB",
        help="Refuse inputs larger than this many megabytes.")(command)
    return click.option(
        "--encoding", callback=_text_codec, metavar="NAME",
        help="Decode input with this codec instead of guessing (UTF-8, UTF-16 or UTF-32 by "
             "byte-order mark, Windows-1252 for text that is not UTF-8).")(command)


@cli.command()
@click.argument("files", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "jsonl", "html", "markdown", "csv"]),
              default="text", show_default=True,
              help="Output format; json and jsonl follow schema framing.report/1; html is one self-contained page.")
@click.option("--per", type=click.Choice(["finding", "paragraph"]), default=None,
              help="CSV only: one row per finding (default) or per paragraph.")
@click.option("--lexicon", "lexicons", multiple=True, type=FILE, metavar="FILE",
              help="Add your own lexicon file (TOML, see lexicons/README.md). Repeatable.")
@click.option("--allow", multiple=True, metavar="WORD",
              help="Never flag this word or phrase as loaded language (a lexicon word or a scare quote); "
                   "hedges, boosters and generalisations are still reported. Repeatable.")
@click.option("--allow-file", type=FILE, metavar="FILE",
              help="File of words and phrases for --allow, one per line ('#' starts a comment).")
@_input_options
@click.option("--model", "model_file", type=FILE, metavar="FILE",
              help="Sentence classifier model (from 'framing train'); default: the shipped model.")
@click.option("--no-model", is_flag=True, help="Skip the sentence classifier.")
@click.option("--sides", "sides_file", type=FILE, metavar="FILE",
              help="TOML file naming sides and their sources; the summary compares them.")
@click.option("--color/--no-color", "colour", default=None,
              help="Force colour on or off (default: on a terminal, unless NO_COLOR is set).")
def report(files: tuple[str, ...], fmt: str, per: str | None, lexicons: tuple[str, ...], allow: tuple[str, ...],
           allow_file: str | None, encoding: str | None, max_size: int, model_file: str | None, no_model: bool,
           sides_file: str | None, colour: bool | None) -> None:
    """Analyse each article FILE (or - for standard input) and print its report.

    \b
    Examples:
      framing report article.txt
      framing report --format json a.txt b.txt
      framing report --format html article.txt > report.html
      framing report --format csv --per paragraph *.txt > scores.csv
      framing report --lexicon my-words.toml --allow regime article.txt
    """
    from framing.inputs import InputError, read_input
    from framing.render import render_chunks
    from framing.report import analyse_many

    if per is not None and fmt != "csv":
        raise click.UsageError("--per applies to --format csv only")
    # The shipped model is read only when it will be used.
    config = _analysis_config(lexicons, allow, allow_file, shipped_model=not (no_model or model_file))
    if no_model:
        config = config.with_model(None)
    elif model_file:
        from framing.classifier import ModelError, load_model

        try:
            config = config.with_model(load_model(model_file))
        except ModelError as exc:
            fail(str(exc), ExitCode.BAD_INPUT)
    if sides_file:
        from framing.sides import SidesError, read_sides

        try:
            config = config.with_sides(read_sides(sides_file))
        except SidesError as exc:
            fail(str(exc), ExitCode.BAD_INPUT)
    max_bytes = max_size * 1_000_000
    items = []
    status = ExitCode.OK
    for name in files:
        try:
            item = read_input(name, sys.stdin, encoding, max_bytes)
        except InputError as exc:
            click.echo(f"framing: error: {exc}", err=True)
            status = ExitCode.BAD_INPUT
            continue
        if item.note:
            click.echo(f"framing: note: {item.note}", err=True)
        items.append(item)
    # Many files are analysed together, stage by stage (framing.analyse_many).
    reports = list(analyse_many((i.text for i in items), sources=(i.source for i in items), config=config))
    # The output's shape follows the files given, not those read: several give a JSON
    # array, "[]" when none could be read.
    several = len(files) > 1
    if reports or (several and fmt == "json"):
        use_colour = _use_colour(colour)
        # color= stops click from stripping the styles when --color forces them into a pipe.
        for chunk in render_chunks(reports, fmt, colour=use_colour, per=per or "finding", as_array=several):
            emit(chunk, nl=False, colour=use_colour, status=status)
    sys.exit(int(status))


@cli.command()
@click.argument("file_a", metavar="A")
@click.argument("file_b", metavar="B")
@click.option("--format", "fmt", type=click.Choice(["text", "html", "json"]), default="text", show_default=True,
              help="text for the terminal, html for one self-contained page, json for tools.")
@click.option("--lexicon", "lexicons", multiple=True, type=FILE, metavar="FILE",
              help="Add your own lexicon file (TOML). Repeatable.")
@_input_options
@click.option("--color/--no-color", "colour", default=None,
              help="Force colour on or off (default: on a terminal, unless NO_COLOR is set).")
def compare(file_a: str, file_b: str, fmt: str, lexicons: tuple[str, ...], encoding: str | None, max_size: int,
            colour: bool | None) -> None:
    """Compare two articles A and B on the same story, side by side.

    Loaded-language density, unsupported generalisations, sources and their shares,
    voices heard in one and not the other, and words one article loads where the other
    stays neutral.

    \b
    Examples:
      framing compare tabloid.txt wire.txt
      framing compare --format html tabloid.txt wire.txt > compare.html
    """
    from framing.compare import compare as compare_reports
    from framing.inputs import InputError, read_input
    from framing.render import render_comparison
    from framing.report import analyse

    config = _analysis_config(lexicons, (), None)
    reports = []
    for name in (file_a, file_b):
        try:
            item = read_input(name, sys.stdin, encoding, max_size * 1_000_000)
        except InputError as exc:
            fail(str(exc), ExitCode.BAD_INPUT)
        if item.note:
            click.echo(f"framing: note: {item.note}", err=True)
        reports.append(analyse(item.text, source=item.source, config=config))
    use_colour = _use_colour(colour) and fmt == "text"
    emit(render_comparison(compare_reports(*reports), fmt, colour=use_colour), nl=False, colour=use_colour)


@cli.group()
def lexicon() -> None:
    """List, show and check lexicon files."""


@lexicon.command("list")
def lexicon_list() -> None:
    """List the shipped lexicons with their entry counts per category."""
    from framing.lexicon import shipped_lexicons

    lines = []
    for lex in shipped_lexicons():
        categories = ", ".join(f"{c} {n}" for c, n in lex.categories().items())
        lines.append(f"{lex.name:<20} {lex.kind:<16} {len(lex.entries):>4} entries  ({categories})")
    emit("\n".join(lines))


@lexicon.command("show")
@click.argument("name")
def lexicon_show(name: str) -> None:
    """Show every entry of the shipped lexicon NAME (or a lexicon file path)."""
    from framing.generalisation import GENERALISATION_KINDS
    from framing.lexicon import LexiconError, load_lexicon, shipped_lexicon

    try:
        lex = load_lexicon(name) if name.endswith(".toml") else shipped_lexicon(name)
    except KeyError:
        fail(f"no shipped lexicon called '{name}' (see 'framing lexicon list')", ExitCode.BAD_LEXICON)
    except LexiconError as exc:
        fail(str(exc), ExitCode.BAD_LEXICON)
    lines = [f"{lex.name} ({lex.kind}, {len(lex.entries)} entries): {lex.description}",
             f"provenance: {lex.provenance}"]
    # In generalisation, hedge and booster entries the suggestion is the reader's
    # question (lexicons/README.md), labelled as report labels it.
    label = "ask" if lex.kind in GENERALISATION_KINDS else "neutral alternative"
    for e in lex.entries:
        what = ", ".join(e.terms) if e.terms else f"/{e.pattern}/"
        lines.extend(["", f"{e.id}  [{e.category}, {e.severity}]  {what}", f"  {e.explanation}"])
        if e.suggestion:
            lines.append(f"  {label}: {e.suggestion}")
    emit("\n".join(lines))


@lexicon.command("check")
@click.argument("paths", nargs=-1, required=True, type=FILE)
def lexicon_check(paths: tuple[str, ...]) -> None:
    """Validate lexicon files, check that their ids are not those of a shipped lexicon,
    and run their flag/pass examples."""
    from framing.lexicon import LexiconError
    from framing.lexicon_check import lexicon_file_problems

    failed = False
    for path in paths:
        try:
            lex, problems = lexicon_file_problems(path)
        except LexiconError as exc:
            click.echo(str(exc), err=True)
            failed = True
            continue
        for problem in problems:
            click.echo(problem, err=True)
        if problems:
            failed = True
        else:
            emit(f"ok: {path}: {len(lex.entries)} entries, every example behaves",
                 status=ExitCode.BAD_LEXICON if failed else ExitCode.OK)
    sys.exit(int(ExitCode.BAD_LEXICON if failed else ExitCode.OK))


@cli.command()
@click.option("--task", type=click.Choice(["loaded", "generalisation", "attribution", "bias", "loaded-sentence"]),
              default="loaded", show_default=True,
              help="loaded: loaded-language findings against gold spans (PTC-style folder); "
                   "generalisation: sentences flagged for unsupported generalisations (labelled CSV); "
                   "attribution: cues, sources and contents against brat relations (PolNeAR-style folder); "
                   "bias: the sentence classifier against labelled sentences (CSV, or the project's JSONL); "
                   "loaded-sentence: the sentence classifier against the lines of a PTC-style folder "
                   "(a line is positive when it overlaps a gold span of --labels).")
@click.option("--data", "data", required=True, metavar="PATH",
              help="PTC-style folder (articles/, labels/) for loaded; labelled CSV for generalisation; "
                   "folder with text/ and attributions/ for attribution.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--labels", "labels", multiple=True, metavar="LABEL",
              help="loaded: gold technique to score against. Repeatable. [default: Loaded_Language, Name_Calling,Labeling]")
@click.option("--voice", type=click.Choice(["all", "author"]), default="all", show_default=True,
              help="loaded: count every loaded-language finding, or only those in the author's voice.")
@click.option("--min-severity", type=click.Choice(["info", "notice", "warning"]), default="info", show_default=True,
              help="loaded: count only findings at or above this severity.")
@click.option("--hedges/--no-hedges", default=False, show_default=True,
              help="generalisation: also count a sentence with a hedge as flagged.")
@click.option("--positive", metavar="LABEL", help="generalisation: the positive label (default -1 for CoNLL-2010 files, else 1).")
@click.option("--lexicon", "lexicons", multiple=True, type=FILE, metavar="FILE",
              help="Add your own lexicon file (TOML). Repeatable.")
@click.option("--model", "model_path", type=FILE, metavar="MODEL",
              help="bias, loaded-sentence: a model file from 'framing train' (default: the shipped model).")
@click.option("--threshold", type=click.FloatRange(0, 1, min_open=True, max_open=True),
              help="bias, loaded-sentence: flag a sentence at this probability (default: the model's own).")
def evaluate(task: str, data: str, fmt: str, labels: tuple[str, ...], voice: str, min_severity: str,
             hedges: bool, positive: str | None, lexicons: tuple[str, ...], model_path: str | None,
             threshold: float | None) -> None:
    """Measure precision, recall and F1 of framing against annotated data.

    \b
    Examples:
      framing evaluate --task loaded --data ptc-train
      framing evaluate --data ptc-train --voice author --format json
      framing evaluate --task generalisation --data weasel.csv --hedges
      framing evaluate --task attribution --data polnear/dev
      framing evaluate --task bias --data sentences.csv --model my-model.json
      framing evaluate --task loaded-sentence --data ptc-train
    """
    import json

    from framing.evaluation import EvaluationDataError

    # The lexicon tasks read no model; the classifier tasks load the one they are given.
    config = _analysis_config(lexicons, (), None, shipped_model=False)
    if task in ("bias", "loaded-sentence"):
        result, text = _evaluate_classifier(task, data, model_path, threshold, positive, labels)
    elif task == "loaded":
        from framing.evaluation import DEFAULT_LOADED_LABELS, evaluate_loaded_ptc, format_evaluation, read_ptc

        try:
            articles = read_ptc(data)
        except EvaluationDataError as exc:
            fail(str(exc), ExitCode.BAD_INPUT)
        result = evaluate_loaded_ptc(articles, labels or DEFAULT_LOADED_LABELS, voice, config, min_severity)
        text = format_evaluation(result, data)
    elif task == "attribution":
        from framing.attribution_eval import evaluate_attribution, format_attribution_evaluation
        from framing.brat import read_attribution_corpus

        try:
            corpus = read_attribution_corpus(data)
        except EvaluationDataError as exc:
            fail(str(exc), ExitCode.BAD_INPUT)
        with _progress(len(corpus)) as advance:
            result = evaluate_attribution(corpus, progress=advance)
        text = format_attribution_evaluation(result, data)
    else:
        from framing.sentence_eval import (evaluate_sentences, format_sentence_evaluation,
                                           generalisation_predictor, read_labelled_csv)

        try:
            sentences = read_labelled_csv(data)
        except EvaluationDataError as exc:
            fail(str(exc), ExitCode.BAD_INPUT)
        counted = ("unsupported generalisations", "hedges") if hedges else ("unsupported generalisations",)
        with _progress(len(sentences)) as advance:
            result = evaluate_sentences(sentences, generalisation_predictor(hedges, config.generalisation),
                                        task="generalisation", counted=counted, positive=positive,
                                        progress=advance)
        text = format_sentence_evaluation(result, data)
    if fmt == "json":
        emit(json.dumps({"data": data, **result.to_dict()}, ensure_ascii=False, indent=2))
    else:
        emit(text, nl=False)


def _evaluate_classifier(task: str, data: str, model_path: str | None, threshold: float | None,
                         positive: str | None, labels: Sequence[str]):
    from framing.classifier import ModelError, load_model
    from framing.corpus import evaluate_model, format_classifier_evaluation, ptc_sentences, read_examples
    from framing.evaluation import DEFAULT_LOADED_LABELS, EvaluationDataError, read_ptc

    try:
        model = load_model(model_path)
    except ModelError as exc:
        fail(str(exc), ExitCode.BAD_INPUT)
    try:
        if task == "bias":
            examples = read_examples([data], positive)
        else:
            examples = ptc_sentences(read_ptc(data), labels or DEFAULT_LOADED_LABELS)
    except EvaluationDataError as exc:
        fail(str(exc), ExitCode.BAD_INPUT)
    shown_positive = None
    if task == "bias" and not data.lower().endswith((".jsonl", ".json")):
        from framing.sentence_eval import default_positive, read_labelled_csv

        shown_positive = positive or default_positive(read_labelled_csv(data))
    with _progress(len(examples)) as advance:
        result = evaluate_model(model, examples, task=task, model_name=model_path or "default", threshold=threshold,
                                positive=shown_positive, progress=advance)
    return result, format_classifier_evaluation(result, data)


@cli.command("train")
@click.argument("more_data", nargs=-1, metavar="[FILE]...")
@click.option("--data", "data", multiple=True, metavar="FILE",
              help="Labelled sentences: the project's JSONL (label: 'loaded') or a CSV with text and label "
                   "columns. Repeatable; further files may follow without the option.")
@click.option("--out", "out", required=True, type=FILE, metavar="MODEL",
              help="Where to write the model (JSON).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--folds", type=click.IntRange(min=0), default=5, show_default=True,
              help="Cross-validation folds reported before training (0: skip).")
@click.option("--positive", metavar="LABEL", help="CSV: the positive label (default -1 for -1/1 labels, else 1).")
@click.option("--threshold", type=click.FloatRange(0, 1, min_open=True, max_open=True), default=0.5,
              show_default=True, help="The probability at which the model flags a sentence.")
def train_command(more_data: tuple[str, ...], data: tuple[str, ...], out: str, fmt: str, folds: int,
                  positive: str | None, threshold: float) -> None:
    """Train a sentence classifier on labelled sentences and write it to MODEL.

    Prints cross-validated precision, recall, F1 and macro-F1 first.

    \b
    Examples:
      framing train --data corpora/sentences/part-a.jsonl corpora/sentences/part-b.jsonl --out models/bias-default.json
      framing train --data my-sentences.csv --out my-model.json
    """
    import json

    from framing.classifier import save_model
    from framing.corpus import read_examples
    from framing.evaluation import EvaluationDataError

    files = list(data) + list(more_data)
    if not files:
        raise click.UsageError("give at least one --data FILE")
    _refuse_unwritable_model_path(out)  # before minutes of training, not after
    try:
        examples = read_examples(files, positive)
    except EvaluationDataError as exc:
        fail(str(exc), ExitCode.BAD_INPUT)
    if len({e.label for e in examples}) < 2:
        fail("training needs both positive and negative sentences (check the labels and --positive)", ExitCode.BAD_INPUT)
    from framing.training import run_training, format_training

    with _progress(folds + 1, label="training", minimum=0) as advance:
        result = run_training(files, examples, folds, threshold, progress=advance)
    try:
        path = save_model(result.model, out)
    except OSError as exc:
        fail(f"{out}: cannot write the model: {exc.strerror or exc}", ExitCode.BAD_INPUT)
    size = path.stat().st_size
    if fmt == "json":
        emit(json.dumps({"out": out, "bytes": size, **result.to_dict()}, ensure_ascii=False, indent=2))
    else:
        emit(format_training(result, out, size), nl=False)


def _refuse_unwritable_model_path(out: str) -> None:
    """Fail now, with the error and exit code a failed write would give after training,
    when ``out`` cannot be written: a directory, in a directory that does not exist or
    is read-only, or a read-only file."""
    path = Path(out)
    folder = path.parent
    if path.is_dir():
        problem = errno.EISDIR
    elif not folder.exists():
        problem = errno.ENOENT
    elif not folder.is_dir():
        problem = errno.ENOTDIR
    elif not os.access(folder, os.W_OK | os.X_OK) or (path.exists() and not os.access(path, os.W_OK)):
        problem = errno.EACCES
    else:
        return
    fail(f"{out}: cannot write the model: {os.strerror(problem)}", ExitCode.BAD_INPUT)


class _progress:
    """A progress bar on stderr for long runs on a terminal; silent otherwise."""

    def __init__(self, total: int, label: str = "evaluating", minimum: int = 200) -> None:
        self.total = total
        self.label = label
        self.minimum = minimum
        self.bar = None

    def __enter__(self):
        if sys.stderr.isatty() and self.total > self.minimum:
            self.bar = click.progressbar(length=self.total, label=self.label, file=sys.stderr)
            self.bar.__enter__()
        done = [0]

        def advance(number: int) -> None:
            if self.bar is not None:
                self.bar.update(number - done[0])
                done[0] = number

        return advance

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)


def _reader_gone(status: ExitCode = ExitCode.OK) -> NoReturn:
    """The reader of our output stopped early ("framing report ... | head"): that is no
    error of ours, so exit quietly with the status the inputs gave (0 when all were
    read)."""
    _detach_stdout()
    sys.exit(int(status))


def _detach_stdout() -> None:
    """Point standard output at nothing after a failed write, so that flushing what is
    left in its buffer at exit cannot fail again (and print a second message)."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return  # not a file descriptor (a test runner's buffer): nothing to flush to a device
    os.dup2(os.open(os.devnull, os.O_WRONLY), fd)


def main(prog_name: str | None = None) -> None:
    """Entry point of the ``framing`` script: never lets a traceback reach the user."""
    try:
        cli.main(prog_name=prog_name or "framing")
    except KeyboardInterrupt:
        click.echo("framing: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        _reader_gone()
    except SystemExit:
        raise
    except Exception as exc:  # the last guard: one line, not a traceback
        from framing.lexicon import LexiconError

        if isinstance(exc, LexiconError):  # a lexicon rule found broken when first used
            fail(str(exc), ExitCode.BAD_LEXICON)
        click.echo(f"framing: internal error: {type(exc).__name__}: {exc} (please report this)", err=True)
        sys.exit(int(ExitCode.INTERNAL_ERROR))


if __name__ == "__main__":
    main()
