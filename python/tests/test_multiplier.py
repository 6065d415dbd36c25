"""The ``multiplier=`` option (a ``--multiplier`` spec, docs/multipliers.md)
of Model.compile, CompiledModel.grad and framnn.train.

Single products of rne:8 against an independent NumPy model of rounding to
nearest even (test/Run/Inputs/runlib.py's ``rne``, on values, not on bit
patterns); whole networks against the CLI's ``--multiplier`` on the same
arrays (the same library, so the same bits; the CLI's families are checked
against NumPy in test/Run/multiplier-spec.test)."""
import json
import os
import sys

import numpy as np
import onnx
import pytest
from onnx import TensorProto, helper

import framnn
from conftest import ROOT, cli, cli_error

sys.path.insert(0, str(ROOT / "test" / "Run" / "Inputs"))
import runlib  # noqa: E402

SPECS = ["rne:8", "stochastic:8:seed=1", "mitchell"]


@pytest.fixture(scope="module")
def one_product(tmp_path_factory):
    """out[i, j] = a[i] * b[j]: one product per output (a MatMul of [n, 1]
    by [1, k]), so every output is checked bit for bit."""
    f = TensorProto.FLOAT
    vi = helper.make_tensor_value_info
    graph = helper.make_graph(
        [helper.make_node("MatMul", ["a", "b"], ["y"])], "one_product",
        [vi("a", f, ["n", 1]), vi("b", f, [1, 24])], [vi("y", f, ["n", 24])])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    path = tmp_path_factory.mktemp("one") / "one.onnx"
    onnx.save(model, path)
    return framnn.load(path)


def test_rne_single_products_match_numpy(one_product, rng):
    a = rng.standard_normal(40).astype(np.float32) * 8
    b = rng.standard_normal(24).astype(np.float32)
    # Halfway at m = 8, both parities: where truncation and rne differ.
    a[:4] = np.array([0x3F808000, 0x3F818000, 0xBF808000, 0x3F7FC000],
                     np.uint32).view(np.float32)
    got = one_product.compile(multiplier="rne:8")(a[:, None], b[None, :])
    want = (runlib.rne(a, 8)[:, None] * runlib.rne(b, 8)[None, :]).astype(np.float32)
    np.testing.assert_array_equal(got, want)
    truncated = one_product.compile(mantissa_bits=8)(a[:, None], b[None, :])
    assert not np.array_equal(got, truncated)


@pytest.mark.parametrize("spec", SPECS)
def test_mlp_matches_cli(mlp, models, rng, tmp_path, spec):
    x = rng.random((5, 784), dtype=np.float32)
    got = mlp.compile(multiplier=spec)(x)
    np.save(tmp_path / "x.npy", x)
    cli("run", models["mlp"], "--input", tmp_path / "x.npy", "-o",
        tmp_path / "y.npy", "--multiplier", spec)
    np.testing.assert_array_equal(got, np.load(tmp_path / "y.npy"))
    assert not np.array_equal(got, mlp.compile()(x))


def test_trunc_and_exact_specs_are_the_shorthands(mlp, rng):
    x = rng.random((3, 784), dtype=np.float32)
    np.testing.assert_array_equal(mlp.compile(multiplier="trunc:8")(x),
                                  mlp.compile(mantissa_bits=8)(x))
    np.testing.assert_array_equal(mlp.compile(multiplier="exact")(x),
                                  mlp.compile(mantissa_bits=None)(x))
    assert "rne:8" in repr(mlp.compile(multiplier="rne:8"))


def test_grad_matches_cli(mlp, models, rng, tmp_path):
    x = rng.random((4, 784), dtype=np.float32)
    y = np.array([1, 3, 5, 7], np.int64)
    got = mlp.compile(multiplier="rne:8").grad(x, y)
    np.save(tmp_path / "x.npy", x)
    np.save(tmp_path / "y.npy", y)
    cli("grad", models["mlp"], "--input", tmp_path / "x.npy", "--labels",
        tmp_path / "y.npy", "--multiplier", "rne:8", "-o", tmp_path / "g.npz")
    with np.load(tmp_path / "g.npz") as want:
        assert set(got) == set(want.files)
        for k in want.files:
            np.testing.assert_array_equal(got[k], want[k], err_msg=k)
    exact = mlp.compile().grad(x, y, mode="exact")
    assert got["loss"] != exact["loss"]


def test_train_matches_cli(mlp, models, rng, tmp_path):
    a = dict(x_train=rng.integers(0, 256, (96, 28, 28), dtype=np.uint8),
             y_train=rng.integers(0, 10, 96),
             x_test=rng.integers(0, 256, (32, 28, 28), dtype=np.uint8),
             y_test=rng.integers(0, 10, 32))
    np.savez(tmp_path / "d.npz", **a)
    options = dict(epochs=2, batch=32, lr=0.05, seed=3)
    trained, history = framnn.train(
        mlp, (a["x_train"], a["y_train"], a["x_test"], a["y_test"]),
        multiplier="rne:8", **options)
    cli("train", models["mlp"], "--dataset", tmp_path / "d.npz", "--epochs", 2,
        "--batch", 32, "--lr", 0.05, "--seed", 3, "--multiplier", "rne:8",
        "--log", tmp_path / "log.jsonl", "-o", tmp_path / "t.onnx")
    want = framnn.load(tmp_path / "t.onnx").parameters
    for k, v in want.items():
        np.testing.assert_array_equal(trained.parameters[k], v, err_msg=k)
    lines = [json.loads(l) for l in (tmp_path / "log.jsonl").read_text().splitlines()]
    records = [l for l in lines if "summary" not in l]
    assert [h["loss"] for h in history] == [r["loss"] for r in records]
    assert [h["m"] for h in history] == [8, 8]


def test_errors_match_cli(mlp, models, tmp_path):
    with pytest.raises(framnn.Error) as e:
        mlp.compile(multiplier="rne:99")
    x = tmp_path / "x.npy"
    np.save(x, np.zeros((1, 784), np.float32))
    cli_line = cli_error("run", models["mlp"], "--input", x, "-o",
                         tmp_path / "y.npy", "--multiplier", "rne:99")
    assert str(e.value) == cli_line
    with pytest.raises(framnn.Error, match="--multiplier excludes"):
        mlp.compile(mantissa_bits=8, multiplier="rne:8")
    with pytest.raises(framnn.Error, match="--mode exact has no approximate"):
        mlp.compile(multiplier="mitchell").grad(
            np.zeros((1, 784), np.float32), [0], mode="exact")
    with pytest.raises(framnn.Error, match="or --multiplier is given"):
        framnn.train(mlp, (np.zeros((4, 784), np.float32), np.zeros(4, np.int64)),
                     mode="exact", multiplier="rne:8")
