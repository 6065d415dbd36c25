"""CompiledModel.grad against `framnn grad` on the same batch: the same
training program, so every gradient and the loss must be bit-identical."""
import numpy as np
import pytest

import framnn
from conftest import cli, cli_error


def grad_cli(model_path, x, y, tmp_path, *options):
    np.save(tmp_path / "x.npy", x)
    np.save(tmp_path / "y.npy", y)
    out = tmp_path / "g.npz"
    cli("grad", model_path, "--input", tmp_path / "x.npy", "--labels",
        tmp_path / "y.npy", "-o", out, *options)
    with np.load(out) as z:
        return {k: z[k] for k in z.files}


def check_equal(got, want):
    assert set(got) == set(want)
    for k in want:
        assert got[k].dtype == want[k].dtype and got[k].shape == want[k].shape, k
        np.testing.assert_array_equal(got[k], want[k], err_msg=k)


@pytest.mark.parametrize("bits,mode,options", [
    (None, "exact", []),
    (8, "framnn", ["--mantissa-bits", 8]),
    (4, "approx", ["--mode", "approx", "--mantissa-bits", 4]),
])
def test_mlp_matches_cli(mlp, models, rng, tmp_path, bits, mode, options):
    x = rng.random((6, 784), dtype=np.float32)
    y = rng.integers(0, 10, size=6)
    got = mlp.compile(mantissa_bits=bits).grad(x, y, mode=mode)
    check_equal(got, grad_cli(models["mlp"], x, y, tmp_path, *options))
    assert got["loss"].shape == () and got["loss"] > 0


def test_dropout_and_seed(mlp, models, rng, tmp_path):
    x = rng.random((4, 784), dtype=np.float32)
    y = rng.integers(0, 10, size=4)
    net = mlp.compile(mantissa_bits=12)
    got = net.grad(x, y, seed=7, dropout=0.5)
    check_equal(got, grad_cli(models["mlp"], x, y, tmp_path, "--mantissa-bits",
                              12, "--seed", 7, "--dropout", 0.5))
    other = net.grad(x, y, seed=8, dropout=0.5)
    assert not np.array_equal(other["fc1.weight"], got["fc1.weight"])


def test_lenet5_matches_cli(lenet5, models, rng, tmp_path):
    x = rng.random((2, 1, 28, 28), dtype=np.float32)
    y = np.array([3, 9], dtype=np.int32)
    got = lenet5.compile(mantissa_bits=6).grad(x, y)
    check_equal(got, grad_cli(models["lenet5"], x, y, tmp_path,
                              "--mantissa-bits", 6))


def test_grad_errors(mlp, models, tmp_path):
    x = np.zeros((2, 784), np.float32)
    with pytest.raises(framnn.Error, match="labels must be integers"):
        mlp.compile().grad(x, np.zeros(2, np.float32))
    with pytest.raises(framnn.Error) as e:
        mlp.compile(mantissa_bits=8).grad(x, [0, 1], mode="exact")
    np.save(tmp_path / "x.npy", x)
    np.save(tmp_path / "y.npy", np.array([0, 1]))
    assert str(e.value) == cli_error(
        "grad", models["mlp"], "--input", tmp_path / "x.npy", "--labels",
        tmp_path / "y.npy", "--mode", "exact", "--mantissa-bits", 8, "-o",
        tmp_path / "g.npz")
    with pytest.raises(framnn.Error):
        mlp.compile().grad(x, [0, 10])      # a label outside the classes
    with pytest.raises(framnn.Error):
        mlp.compile().grad(x, [0, 1], mode="bogus")
    for dropout in (float("nan"), 1.0, -0.1):
        with pytest.raises(framnn.Error) as e:
            mlp.compile().grad(x, [0, 1], dropout=dropout)
        assert str(e.value) == cli_error(
            "grad", models["mlp"], "--input", tmp_path / "x.npy", "--labels",
            tmp_path / "y.npy", f"--dropout={dropout}", "-o",
            tmp_path / "g.npz")
