"""framing works as installed, from any working directory, with its data and offline."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "corpora" / "articles" / "council-budget-local.txt"


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["NO_COLOR"] = "1"
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=120)


def test_python_m_framing_runs_from_another_directory(tmp_path):
    result = _run(["-m", "framing", "report", "--format", "json", str(ARTICLE)], tmp_path)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["schema"] == "framing.report/1" and report["paragraphs"]
    assert result.stderr == ""


def test_installed_package_finds_its_lexicons(tmp_path):
    code = "import framing.resources as r, framing.lexicon as l; print(r.lexicon_dir()); print(len(l.shipped_lexicons()))"
    result = _run(["-c", code], tmp_path)
    assert result.returncode == 0, result.stderr
    where, count = result.stdout.split()
    assert Path(where, "loaded-labels.toml").is_file() and int(count) >= 5


def test_nothing_is_downloaded_at_run_time(tmp_path):
    # The analysis needs no data package and no NLTK at all: it never imports nltk, so
    # nothing can be fetched (and start-up does not pay nltk's import time).
    code = (
        "import sys\n"
        "import framing\n"
        f"r = framing.analyse(open({str(ARTICLE)!r}, encoding='utf-8').read())\n"
        "print(r.summary.readability.words, 'nltk' in sys.modules)\n"
    )
    result = _run(["-c", code], tmp_path)
    assert result.returncode == 0, result.stderr
    words, imported = result.stdout.split()
    assert int(words) > 300 and imported == "False"
