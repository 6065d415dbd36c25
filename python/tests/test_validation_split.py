"""framnn.train's validation_fraction: forwarded to the Trainer library as
``framnn train --validation-fraction`` is (the same run gives the same
records), held out by default, and refused with the CLI's error line when
it is out of range."""
import json

import numpy as np
import pytest

import framnn
from conftest import cli, cli_error

OPTIONS = dict(schedule="adaptive:4,8,23", epochs=3, batch=16, lr=0.05,
               seed=2)
CLI_OPTIONS = ["--schedule", "adaptive:4,8,23", "--epochs", 3, "--batch", 16,
               "--lr", 0.05, "--seed", 2]


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    rng = np.random.default_rng(5)
    arrays = dict(x_train=rng.random((120, 784), dtype=np.float32),
                  y_train=rng.integers(0, 10, 120),
                  x_test=rng.random((40, 784), dtype=np.float32),
                  y_test=rng.integers(0, 10, 40))
    path = tmp_path_factory.mktemp("data") / "d.npz"
    np.savez(path, **arrays)
    return path


def cli_records(model, data, tmp_path, *extra):
    log = tmp_path / "log.jsonl"
    cli("train", model, "--dataset", data, *CLI_OPTIONS, *extra, "--log", log)
    return [json.loads(l) for l in log.read_text().splitlines()
            if '"summary"' not in l]


@pytest.mark.parametrize("fraction", [0.25, 0.5])
def test_fraction_reaches_the_trainer(mlp, models, data, tmp_path, fraction):
    _, history = framnn.train(mlp, str(data), validation_fraction=fraction,
                              **OPTIONS)
    want = cli_records(models["mlp"], data, tmp_path,
                       "--validation-fraction", fraction)
    assert [h["val_acc"] for h in history] == [r["val_acc"] for r in want]
    assert [h["m"] for h in history] == [r["m"] for r in want]
    # A 1/4 split validates on 30 samples, a 1/2 split on 60: the accuracies
    # are multiples of 1/30 or 1/60.
    held = round(fraction * 120)
    for h in history:
        assert abs(h["val_acc"] * held - round(h["val_acc"] * held)) < 1e-9


def test_default_holds_out_a_tenth(mlp, models, data, tmp_path):
    _, history = framnn.train(mlp, str(data), **OPTIONS)
    want = cli_records(models["mlp"], data, tmp_path)
    assert [h["val_acc"] for h in history] == [r["val_acc"] for r in want]
    assert [h["loss"] for h in history] == [r["loss"] for r in want]


def test_zero_holds_out_nothing(mlp, data):
    _, history = framnn.train(mlp, str(data), validation_fraction=0,
                              **dict(OPTIONS, schedule="uniform:8"))
    assert all("val_acc" not in h for h in history)


@pytest.mark.parametrize("fraction", [1.0, -0.1, 0.999])
def test_errors_are_the_clis(mlp, models, data, fraction):
    with pytest.raises(framnn.Error) as raised:
        framnn.train(mlp, str(data), validation_fraction=fraction, **OPTIONS)
    assert str(raised.value) == cli_error(
        "train", models["mlp"], "--dataset", data, *CLI_OPTIONS,
        f"--validation-fraction={fraction}")
