"""Benchmark framing: throughput of analyse(), linearity, peak memory and CLI start-up.

Run from the repository root with the project installed:

    .venv/bin/python benchmarks/bench_analyse.py            # full run (about a minute)
    .venv/bin/python benchmarks/bench_analyse.py --quick    # smaller sizes, fewer repeats

Text is assembled from the project's own articles in corpora/articles/ (repeated until
the size is reached). Figures are medians over repeated runs, since shared machines are
noisy; compare ratios between runs rather than absolute seconds. Targets (2-core
machine): at least 1 MB/s through the full analysis; 8 MB takes at most 9x as long as
1 MB (and a paragraph with no sentence end at all grows no faster than its length);
`framing report` on a sample in at most 1.5 s from a cold start; `framing --help` in at
most 0.3 s.
"""

from __future__ import annotations

import argparse
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


def time_call(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
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

    framing.analyse("Warm-up: load the lexicons and the pronouncing dictionary.")
    figures: dict[str, float] = {}

    # Many articles, as a researcher runs it: at least 5 MB in all.
    articles = corpus_articles()
    batch_bytes = sum(len(a.encode("utf-8")) for a in articles)
    rounds = max(1, (1 if args.quick else 5) * mb // batch_bytes + 1)
    batch = articles * rounds
    total = batch_bytes * rounds
    seconds = time_call(lambda: [framing.analyse(a) for a in batch], repeats)
    figures["articles_mb"] = total / mb
    figures["articles_mb_per_s"] = total / mb / seconds
    # The same articles through analyse_many(), which runs each stage over a batch.
    seconds_many = time_call(lambda: list(framing.analyse_many(batch)), repeats)
    figures["articles_many_mb_per_s"] = total / mb / seconds_many

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

    # Start-up of the command line, each run a new process.
    figures["cli_help_s"] = cli_seconds(["--help"], 5)
    figures["cli_report_s"] = cli_seconds(["report", str(SAMPLE)], 5)

    print(f"analyse(), {figures['articles_mb']:.1f} MB in {len(batch)} articles: "
          f"{figures['articles_mb_per_s']:.2f} MB/s (median of {repeats}); "
          f"analyse_many() over the same: {figures['articles_many_mb_per_s']:.2f} MB/s")
    print(f"one document: {small / mb:g} MB in {t_small:.2f} s, {large / mb:g} MB in {t_large:.2f} s; "
          f"ratio {figures['large_over_small']:.2f} for {large // small}x the text "
          f"({figures['one_doc_mb_per_s']:.2f} MB/s)")
    print(f"peak memory analysing {large / mb:g} MB: {figures['peak_rss_mb_large']:.0f} MB resident")
    print(f"one paragraph with no sentence ends: {flat_small // 1000} KB in {t_flat_small:.2f} s, "
          f"{flat_large // 1000} KB in {t_flat_large:.2f} s; ratio {figures['one_sentence_large_over_small']:.2f} "
          f"for {flat_large // flat_small}x the text")
    print(f"framing --help: {figures['cli_help_s']:.3f} s; framing report {SAMPLE.name}: "
          f"{figures['cli_report_s']:.3f} s (median of 5 cold starts)")
    if args.json:
        print(json.dumps({k: round(v, 4) for k, v in figures.items()}))


if __name__ == "__main__":
    main()
