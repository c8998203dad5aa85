"""The package's public names: each resolves, whatever was imported first."""

from __future__ import annotations

import subprocess
import sys

import framing


def test_every_public_name_resolves():
    for name in framing.__all__:
        assert getattr(framing, name) is not None, name


def test_public_functions_are_functions_after_an_analysis():
    # Run in a fresh interpreter: a package attribute that a submodule's import rebinds
    # (framing.readability, the module) must not be a public function's name.
    code = ("import framing\n"
            "framing.analyse('The minister said the plan was brutal.')\n"
            "assert callable(framing.measure_readability) and callable(framing.find_generalisations)\n"
            "print(framing.measure_readability('The cat sat on the mat.').words,\n"
            "      [f.kind for f in framing.find_generalisations('Experts say the bridge is unsafe.')])\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["6", "['generalisation']"]
