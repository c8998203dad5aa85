"""Benchmark framing: throughput of analyse(), linearity, peak memory and CLI start-up.

Run from the repository root with the project installed:

    .venv/bin/python benchmarks/bench_analyse.py            # full run (about two minutes)
    .venv/bin/python benchmarks/bench_analyse.py --quick    # smaller sizes, fewer repeats

Text is assembled from the project's own articles in corpora/articles/ (repeated until
the size is reached). Since repeating 12 articles flatters every cache keyed on words
and names, two more figures read text no other measurement has seen, each in a fresh
process, twice (first meeting, then steady state): the corpus sentences grouped into
articles, and, when ../shared/eval sits beside the checkout, the PTC training articles
(real news; read there, never copied). Figures are medians over repeated runs, since
shared machines are noisy (the three ways of running many articles take turns, so a
change of pace reaches them alike); compare ratios between runs rather than absolute
seconds. Targets (2-core machine): at least 1 MB/s through the full analysis; 8 MB
takes at most 9x as long as 1 MB (and a paragraph with no sentence end at all grows no
faster than its length); `framing report` on a sample in at most 1.5 s from a cold
start; `framing --help` in at most 0.3 s.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = sorted(p for p in (ROOT / "corpora" / "articles").glob("*.txt"))
SAMPLE = ROOT / "corpora" / "articles" / "harbour-strike-tabloid.txt"


def corpus_articles() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in ARTICLES]


def assemble(size: int) -> str:
    """One document of at least ``size`` bytes: the corpus articles, blank-line separated."""
    articles = corpus_articles()
    parts, total, i = [], 0, 0
    while total < size:
        piece = articles[i % len(articles)]
        parts.append(piece)
        total += len(piece.encode("utf-8")) + 2
        i += 1
    return "\n\n".join(parts)


def _one_sentence(size: int) -> str:
    """``size`` characters of the corpus articles as one paragraph without a full stop,
    question or exclamation mark."""
    text = assemble(size)[:size]
    return " ".join(text.translate(str.maketrans(".?!", "   ")).split())


def fresh_articles() -> list[str]:
    """Articles no other measurement repeats: the corpus sentences (corpora/sentences/),
    three to a paragraph and eight paragraphs to an article, in file order (so an
    article keeps to a topic), each analysed once. Repeating the 12 corpus articles
    flatters every cache keyed on words or names; this text does not."""
    sentences = []
    for path in sorted((ROOT / "corpora" / "sentences").glob("*.jsonl")):
        with path.open(encoding="utf-8") as lines:
            sentences += [json.loads(line)["text"] for line in lines if line.strip()]
    paragraphs = [" ".join(sentences[i:i + 3]) for i in range(0, len(sentences), 3)]
    return ["\n\n".join(paragraphs[i:i + 8]) for i in range(0, len(paragraphs), 8)]


PTC_ARTICLES = ROOT.parent / "shared" / "eval" / "ptc-train" / "articles"


def ptc_articles() -> list[str]:
    """Real news articles from ../shared/eval/ptc-train (371 articles, 2.1 MB), when
    that evaluation data sits beside the checkout; it is read, never copied."""
    return [p.read_text(encoding="utf-8") for p in sorted(PTC_ARTICLES.glob("*.txt"))]


def child_passes(source: str, many: bool) -> tuple[float, float]:
    """Seconds a fresh process takes over the texts of ``source`` (``fresh_articles``
    or ``ptc_articles``) twice: the first pass meets them for the first time (after
    the 12 corpus articles, so the lexicons are loaded and the common entries
    compiled), the second finds its caches warm. ``many``: with analyse_many()."""
    call = "list(framing.analyse_many(texts))" if many else "[framing.analyse(t) for t in texts]"
    code = (
        f"import sys, time; sys.path.insert(0, {str(ROOT)!r}); from benchmarks import bench_analyse as b;"
        f"import framing; texts = b.{source}(); [framing.analyse(a) for a in b.corpus_articles()];"
        f"t0 = time.perf_counter(); {call}; t1 = time.perf_counter(); {call}; t2 = time.perf_counter();"
        f"print(t1 - t0, t2 - t1)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    first, second = map(float, out.stdout.split())
    return first, second


def time_call(fn, repeats: int) -> float:
    """Median seconds of ``repeats`` calls of ``fn``, each after a full garbage
    collection (so that no call pays for the garbage of the one before)."""
    times = []
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def child_peak_rss_mb(size: int) -> float:
    """Peak resident memory of a fresh process that analyses ``size`` bytes."""
    code = (
        "import sys, resource; sys.path.insert(0, %r); from benchmarks.bench_analyse import assemble;"
        "import framing; t = assemble(%d); framing.analyse(t);"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)" % (str(ROOT), size)
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return int(out.stdout.strip()) / 1024


def cli_seconds(args: list[str], repeats: int) -> float:
    framing = Path(sys.executable).with_name("framing")
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run([str(framing), *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes and fewer repeats")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON too")
    args = parser.parse_args()
    repeats = 1 if args.quick else 3
    mb = 1_000_000

    import framing

    # Warm-up: load the lexicons, the model and the pronouncing dictionary, and meet the
    # corpus articles once (as the fresh processes below do), so that the repeated
    # runs all time the same steady state; what text met for the first time costs is
    # measured on its own below.
    articles = corpus_articles()
    for article in articles:
        framing.analyse(article)
    figures: dict[str, float] = {}

    # Many articles, as a researcher runs it: at least 5 MB in all, analyse() once per
    # article with every report kept in a list; the same with each report dropped once
    # made (as framing report and a JSONL writer do: keeping 1,392 reports makes
    # Python's garbage collector walk a growing heap); and analyse_many() over the same
    # articles (each stage over a batch). The three take turns, each repeat, so that a
    # shared machine's changes of pace reach them alike.
    batch_bytes = sum(len(a.encode("utf-8")) for a in articles)
    rounds = max(1, (1 if args.quick else 5) * mb // batch_bytes + 1)
    batch = articles * rounds
    total = batch_bytes * rounds
    ways = {
        "kept": lambda: [framing.analyse(a) for a in batch],
        "streamed": lambda: [None for a in batch if framing.analyse(a) is None],
        "many": lambda: list(framing.analyse_many(batch)),
    }
    runs: dict[str, list[float]] = {name: [] for name in ways}
    order = list(ways)
    for _ in range(repeats):
        for name in order:
            runs[name].append(time_call(ways[name], 1))
        order = order[1:] + order[:1]  # each way first in turn: none always follows the same one
    figures["articles_mb"] = total / mb
    figures["articles_mb_per_s"] = total / mb / statistics.median(runs["kept"])
    figures["articles_streamed_mb_per_s"] = total / mb / statistics.median(runs["streamed"])
    figures["articles_many_mb_per_s"] = total / mb / statistics.median(runs["many"])

    # Text no measurement above has seen, in fresh processes: the first pass meets it
    # for the first time (cold caches, entries compiled as first met); the second pass
    # is the steady state. Repeating the 12 corpus articles, as above, flatters caches.
    sources = [("fresh", "fresh_articles", fresh_articles())]
    if PTC_ARTICLES.is_dir():
        sources.append(("ptc", "ptc_articles", ptc_articles()))
    for name, function, texts in sources:
        size = sum(len(t.encode("utf-8")) for t in texts) / mb
        figures[f"{name}_mb"] = size
        for label, many in (("", False), ("_many", True)):
            runs = [child_passes(function, many) for _ in range(repeats)]
            figures[f"{name}{label}_first_mb_per_s"] = size / statistics.median(first for first, _ in runs)
            figures[f"{name}{label}_second_mb_per_s"] = size / statistics.median(second for _, second in runs)

    # One long document at 1 MB and 8 MB: is time linear in size?
    small, large = (mb // 4, 2 * mb) if args.quick else (mb, 8 * mb)
    t_small = time_call(lambda: framing.analyse(assemble(small)), repeats)
    t_large = time_call(lambda: framing.analyse(assemble(large)), repeats)
    figures["one_doc_small_mb"] = small / mb
    figures["one_doc_small_s"] = t_small
    figures["one_doc_large_mb"] = large / mb
    figures["one_doc_large_s"] = t_large
    figures["large_over_small"] = t_large / t_small
    figures["one_doc_mb_per_s"] = large / mb / t_large
    figures["peak_rss_mb_large"] = child_peak_rss_mb(large)

    # Text with no sentence ends at all (a data dump, a transcript): one paragraph that
    # is one sentence. Time must still grow in proportion to its length.
    flat_small, flat_large = (mb // 40, mb // 5) if args.quick else (mb // 10, 8 * mb // 10)
    flat = _one_sentence(flat_large)
    t_flat_small = time_call(lambda: framing.analyse(flat[:flat_small]), repeats)
    t_flat_large = time_call(lambda: framing.analyse(flat), repeats)
    figures["one_sentence_small_s"] = t_flat_small
    figures["one_sentence_large_s"] = t_flat_large
    figures["one_sentence_large_over_small"] = t_flat_large / t_flat_small

    # A run without white space where every few characters could end a sentence
    # ('x.”“A' repeated: closing quotes run straight into capitals).
    dense_small, dense_large = flat_small, flat_large
    dense = "x.”“A" * (dense_large // 5)
    t_dense_small = time_call(lambda: framing.analyse(dense[:dense_small]), repeats)
    t_dense_large = time_call(lambda: framing.analyse(dense), repeats)
    figures["no_space_large_over_small"] = t_dense_large / t_dense_small

    # Start-up of the command line, each run a new process.
    figures["cli_help_s"] = cli_seconds(["--help"], 5)
    figures["cli_report_s"] = cli_seconds(["report", str(SAMPLE)], 5)

    print(f"analyse(), {figures['articles_mb']:.1f} MB in {len(batch)} articles: "
          f"{figures['articles_mb_per_s']:.2f} MB/s (median of {repeats}; "
          f"{figures['articles_streamed_mb_per_s']:.2f} MB/s keeping no report); "
          f"analyse_many() over the same: {figures['articles_many_mb_per_s']:.2f} MB/s")
    for name, what in (("fresh", "corpus sentences as articles"), ("ptc", "real news, ../shared/eval/ptc-train")):
        if f"{name}_mb" in figures:
            print(f"{what} ({figures[f'{name}_mb']:.2f} MB), fresh process, first / second pass: "
                  f"analyse() {figures[f'{name}_first_mb_per_s']:.2f} / {figures[f'{name}_second_mb_per_s']:.2f} MB/s, "
                  f"analyse_many() {figures[f'{name}_many_first_mb_per_s']:.2f} / "
                  f"{figures[f'{name}_many_second_mb_per_s']:.2f} MB/s")
    print(f"one document: {small / mb:g} MB in {t_small:.2f} s, {large / mb:g} MB in {t_large:.2f} s; "
          f"ratio {figures['large_over_small']:.2f} for {large // small}x the text "
          f"({figures['one_doc_mb_per_s']:.2f} MB/s)")
    print(f"peak memory analysing {large / mb:g} MB: {figures['peak_rss_mb_large']:.0f} MB resident")
    print(f"one paragraph with no sentence ends: {flat_small // 1000} KB in {t_flat_small:.2f} s, "
          f"{flat_large // 1000} KB in {t_flat_large:.2f} s; ratio {figures['one_sentence_large_over_small']:.2f} "
          f"for {flat_large // flat_small}x the text")
    print(f"no white space ('x.”“A' repeated): {dense_small // 1000} KB in {t_dense_small:.2f} s, "
          f"{dense_large // 1000} KB in {t_dense_large:.2f} s; ratio {figures['no_space_large_over_small']:.2f}")
    print(f"framing --help: {figures['cli_help_s']:.3f} s; framing report {SAMPLE.name}: "
          f"{figures['cli_report_s']:.3f} s (median of 5 cold starts)")
    if args.json:
        print(json.dumps({k: round(v, 4) for k, v in figures.items()}))


if __name__ == "__main__":
    main()
