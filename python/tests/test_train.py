"""framnn.train against `framnn train` on the same data and options: the
same Trainer library, so the trained weights and the per-epoch records
(loss, accuracies, widths) must be bit-identical."""
import json

import numpy as np
import pytest

import framnn
from conftest import cli, cli_error

OPTIONS = dict(schedule="linear:4..8", epochs=2, batch=32, lr=0.05,
               dropout=0.25, seed=3)
CLI_OPTIONS = ["--schedule", "linear:4..8", "--epochs", 2, "--batch", 32,
               "--lr", 0.05, "--dropout", 0.25, "--seed", 3]
KEYS = ("epoch", "m", "loss", "train_acc", "test_acc", "modelled_energy")


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    rng = np.random.default_rng(1)
    arrays = dict(x_train=rng.integers(0, 256, (160, 28, 28), dtype=np.uint8),
                  y_train=rng.integers(0, 10, 160),
                  x_test=rng.integers(0, 256, (64, 28, 28), dtype=np.uint8),
                  y_test=rng.integers(0, 10, 64))
    path = tmp_path_factory.mktemp("data") / "d.npz"
    np.savez(path, **arrays)
    return path, arrays


@pytest.fixture(scope="module")
def cli_run(models, data, tmp_path_factory):
    out = tmp_path_factory.mktemp("cli")
    cli("train", models["mlp"], "--dataset", data[0], *CLI_OPTIONS,
        "--log", out / "log.jsonl", "-o", out / "trained.onnx")
    lines = [json.loads(l) for l in (out / "log.jsonl").read_text().splitlines()]
    return framnn.load(out / "trained.onnx"), lines


def check_same(trained, history, cli_run):
    want_model, lines = cli_run
    got, want = trained.parameters, want_model.parameters
    assert set(got) == set(want)
    for k in want:
        np.testing.assert_array_equal(got[k], want[k], err_msg=k)
    records = [l for l in lines if "summary" not in l]
    assert len(history) == len(records) == 2
    for h, r in zip(history, records):
        for k in KEYS:
            assert h[k] == r[k], k
    summary = [l["summary"] for l in lines if "summary" in l][0]
    for k in ("mode", "schedule", "final_m", "test_acc_final_m",
              "test_acc_exact", "modelled_edp", "steps"):
        assert history.summary[k] == summary[k], k


def test_arrays_match_cli(mlp, data, cli_run):
    a = data[1]
    trained, history = framnn.train(
        mlp, (a["x_train"], a["y_train"], a["x_test"], a["y_test"]), **OPTIONS)
    check_same(trained, history, cli_run)
    assert [h["m"] for h in history] == [4, 8]
    # The trained model is a Model like any other.
    x = (a["x_test"][:4].reshape(4, 784) / 255.0).astype(np.float32)
    assert trained.compile(mantissa_bits=8)(x).shape == (4, 10)


def test_dataset_spec_matches_cli(models, data, cli_run, tmp_path):
    seen = []
    trained, history = framnn.train(str(models["mlp"]), str(data[0]),
                                    callback=seen.append, **OPTIONS)
    check_same(trained, history, cli_run)
    assert seen == list(history)
    trained.save(tmp_path / "t.onnx")
    again = framnn.load(tmp_path / "t.onnx")
    np.testing.assert_array_equal(again.parameters["fc1.weight"],
                                  trained.parameters["fc1.weight"])


def test_callback_stops_the_run(mlp, data):
    a = data[1]
    _, history = framnn.train(mlp, (a["x_train"], a["y_train"]), epochs=3,
                              batch=32, train_eval_samples=32,
                              callback=lambda record: False)
    # 144 of the 160 samples train (the validation split holds out 16): 4 steps.
    assert len(history) == 1 and history.summary["steps"] == 4


def test_callback_exception_propagates(mlp, data):
    a = data[1]

    def boom(record):
        raise KeyError("stop here")
    with pytest.raises(KeyError, match="stop here"):
        framnn.train(mlp, (a["x_train"], a["y_train"]), epochs=2, batch=32,
                     train_eval_samples=32, callback=boom)


def test_errors_match_cli(mlp, models, data, tmp_path):
    want = cli_error("train", models["mlp"], "--dataset", data[0], "--mode",
                     "exact", "--schedule", "uniform:8")
    with pytest.raises(framnn.Error) as e:
        framnn.train(mlp, str(data[0]), mode="exact", schedule="uniform:8")
    assert str(e.value) == want
    a = data[1]
    with pytest.raises(framnn.Error, match="labels"):
        framnn.train(mlp, (a["x_train"], a["y_train"].astype(np.float32)))
    with pytest.raises(framnn.Error):
        framnn.train(mlp, (a["x_train"][:, :5], a["y_train"]))


@pytest.mark.parametrize("option, value", [
    ("lr", float("nan")), ("lr", float("inf")), ("lr", 0.0),
    ("momentum", -0.5), ("momentum", float("nan")),
    ("weight_decay", float("inf")), ("dropout", 1.0),
    ("min_improvement", float("nan"))])
def test_hyperparameters_match_cli(mlp, models, data, option, value):
    # The library refuses what would train to NaN weights, in the CLI's
    # words (the CLI's validators call the same checks).
    flag = "--" + option.replace("_", "-")
    want = cli_error("train", models["mlp"], "--dataset", data[0],
                     f"{flag}={value}")
    with pytest.raises(framnn.Error) as e:
        framnn.train(mlp, str(data[0]), **{option: value})
    assert str(e.value) == want
    assert str(e.value).startswith(flag + ": ")
