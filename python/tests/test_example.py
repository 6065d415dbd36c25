"""The docs/python.md notebook example (examples/python/mlp_roundtrip.py):
it runs (shrunk by FRAMNN_EXAMPLE_QUICK=1), and the docs show its cells
verbatim, so the documented example cannot rot."""
import json
import os
import re
import subprocess
import sys

import framnn
from conftest import ROOT

EXAMPLE = ROOT / "examples" / "python" / "mlp_roundtrip.py"
DOCS = ROOT / "docs" / "python.md"
SECTION = "## Notebook example"


def example_cells():
    """The file's "# %%" cells (the header comment before the first one is
    not a cell), without surrounding blank lines."""
    parts = re.split(r"^# %%\n", EXAMPLE.read_text(), flags=re.M)
    return [p.strip("\n") for p in parts[1:]]


def docs_cells():
    text = DOCS.read_text()
    assert SECTION in text, f"docs/python.md has no '{SECTION}' section"
    section = text.split(SECTION, 1)[1].split("\n## ", 1)[0]
    return [b.strip("\n") for b in
            re.findall(r"^```python\n(.*?)^```$", section, flags=re.M | re.S)]


def test_docs_show_the_example():
    assert docs_cells() == example_cells()


def test_example_runs(tmp_path):
    # The package this test imported, wherever PYTHONPATH pointed.
    package_dir = os.path.dirname(os.path.dirname(framnn.__file__))
    env = dict(os.environ, FRAMNN_EXAMPLE_QUICK="1", PYTHONPATH=package_dir,
               FRAMNN_EXAMPLE_OUT=str(tmp_path))
    proc = subprocess.run([sys.executable, str(EXAMPLE)], env=env,
                          capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    # PyTorch's accuracy of the loaded-back MLP is FramNN's (1000 images:
    # at most 2 argmax flips, as in test_torch_roundtrip.py).
    line = re.search(r"PyTorch (\S+)\s+FramNN (\S+)", proc.stdout)
    assert line, proc.stdout
    assert abs(float(line[1]) - float(line[2])) <= 0.0025, line[0]
    result = json.loads((tmp_path / "accuracy.json").read_text())
    assert [r["mantissa_bits"] for r in result["widths"]] == [0, 4, 23]
    for r in result["widths"]:
        assert abs(r["framnn_acc"] - r["torch_acc"]) <= 0.0025, r
    with open(tmp_path / "accuracy.png", "rb") as f:
        assert f.read(8) == b"\x89PNG\r\n\x1a\n"
