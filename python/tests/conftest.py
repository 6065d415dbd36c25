"""Fixtures of the framnn package tests: the CLI next to the package (from
FRAMNN_BIN_DIR, set by the ctest `framnn-python`, or build/bin), the paper
MLP and LeNet-5 generated once per session by framnn_models (random
weights: PyTorch's default initialisation under a fixed seed), and helpers
that run the CLI on the same arrays."""
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import framnn

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(os.environ.get("FRAMNN_BIN_DIR", ROOT / "build" / "bin"))


def cli(*args, check=True):
    """Runs the framnn CLI; returns the CompletedProcess."""
    proc = subprocess.run([str(BIN / "framnn"), *map(str, args)],
                          capture_output=True, text=True)
    if check and proc.returncode != 0:
        raise AssertionError(f"framnn {' '.join(map(str, args))}: {proc.stderr}")
    return proc


def cli_error(*args):
    """The one-line error of a failing CLI run, without 'error: '."""
    proc = cli(*args, check=False)
    assert proc.returncode != 0, proc.stdout
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), proc.stderr
    return lines[0][len("error: "):]


@pytest.fixture(scope="session")
def models(tmp_path_factory):
    out = tmp_path_factory.mktemp("models")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "python"))
    subprocess.run([sys.executable, "-m", "framnn_models", "gen", "--out",
                    str(out), "mlp", "lenet5"], check=True, env=env,
                   capture_output=True)
    return {"mlp": out / "mlp.onnx", "lenet5": out / "lenet5.onnx"}


@pytest.fixture(scope="session")
def mlp(models):
    return framnn.load(models["mlp"])


@pytest.fixture(scope="session")
def lenet5(models):
    return framnn.load(models["lenet5"])


@pytest.fixture
def rng():
    return np.random.default_rng(0)
