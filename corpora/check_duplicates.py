"""Near-duplicate check for the labelled sentence corpus.

Two sentences are near-duplicates when the Jaccard similarity of their sets of word
trigrams (lower case, words as runs of letters, digits, hyphens and apostrophes) is at
least the threshold (default 0.5). Declared minimal pairs (the ``pair`` key) are meant
to be close and are counted apart. The script prints the figures and the closest
undeclared pairs, and exits 1 when the share of sentences with an undeclared
near-duplicate exceeds ``--max-share`` (default 2 per cent).

    python corpora/check_duplicates.py                     # corpora/sentences/*.jsonl
    python corpora/check_duplicates.py --threshold 0.4 --show 20 FILE.jsonl ...

Standard library only: it runs without installing framing.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from itertools import combinations
from pathlib import Path

WORD_RE = re.compile(r"[\w'’-]+")
HERE = Path(__file__).resolve().parent


def shingles(text: str, n: int = 3) -> frozenset[tuple[str, ...]]:
    words = WORD_RE.findall(text.lower().replace("’", "'"))
    if len(words) < n:
        return frozenset({tuple(words)})
    return frozenset(tuple(words[i:i + n]) for i in range(len(words) - n + 1))


def read(paths: list[Path]) -> list[dict]:
    rows = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rows.append(json.loads(line))
    return rows


def near_duplicates(rows: list[dict], threshold: float) -> list[tuple[float, dict, dict]]:
    """Every pair of rows at or above ``threshold``, most similar first."""
    sets = [shingles(r["text"]) for r in rows]
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, s in enumerate(sets):
        for g in s:
            index[g].append(i)
    candidates: set[tuple[int, int]] = set()
    for members in index.values():
        if len(members) > 200:  # a very common trigram ("according to the") says nothing alone
            continue
        candidates.update(combinations(members, 2))
    found = []
    for i, j in candidates:
        a, b = sets[i], sets[j]
        similarity = len(a & b) / len(a | b)
        if similarity >= threshold:
            found.append((similarity, rows[i], rows[j]))
    found.sort(key=lambda t: (-t[0], t[1]["id"], t[2]["id"]))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--show", type=int, default=10, help="closest undeclared pairs to print")
    parser.add_argument("--max-share", type=float, default=0.02)
    args = parser.parse_args(argv)
    files = args.files or sorted((HERE / "sentences").glob("*.jsonl"))
    rows = read(files)
    exact = len(rows) - len({r["text"] for r in rows})
    found = near_duplicates(rows, args.threshold)
    declared = [(s, a, b) for s, a, b in found if a.get("pair") == b["id"]]
    undeclared = [(s, a, b) for s, a, b in found if a.get("pair") != b["id"]]
    involved = {r["id"] for _, a, b in undeclared for r in (a, b)}
    share = len(involved) / len(rows) if rows else 0.0
    pairs_total = sum(1 for r in rows if r.get("pair")) // 2
    print(f"sentences: {len(rows)} in {len(files)} file(s); exact duplicate texts: {exact}")
    print(f"near-duplicate threshold: Jaccard >= {args.threshold} on word trigrams")
    print(f"declared minimal pairs: {pairs_total}, of which {len(declared)} at or above the threshold")
    print(f"undeclared near-duplicate pairs: {len(undeclared)}; sentences involved: {len(involved)} "
          f"({100 * share:.2f} per cent)")
    for similarity, a, b in undeclared[:args.show]:
        print(f"  {similarity:.2f}  {a['id']}: {a['text']}")
        print(f"        {b['id']}: {b['text']}")
    return 1 if share > args.max_share or exact else 0


if __name__ == "__main__":
    sys.exit(main())
