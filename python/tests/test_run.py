"""CompiledModel.__call__ against `framnn run` on the same arrays: the same
library and the same compiled code, so the outputs must be bit-identical."""
import numpy as np
import pytest

import framnn
from conftest import cli, cli_error


def run_cli(model_path, x, tmp_path, *options):
    xp, yp = tmp_path / "x.npy", tmp_path / "y.npy"
    np.save(xp, x)
    cli("run", model_path, "--input", xp, "-o", yp, *options)
    return np.load(yp)


@pytest.mark.parametrize("bits", [None, 23, 8, 4, 0])
def test_mlp_matches_cli(mlp, models, rng, tmp_path, bits):
    x = rng.random((5, 784), dtype=np.float32)
    net = mlp.compile(mantissa_bits=bits)
    got = net(x)
    options = [] if bits is None else ["--mantissa-bits", bits]
    want = run_cli(models["mlp"], x, tmp_path, *options)
    assert got.dtype == np.float32 and got.shape == (5, 10)
    np.testing.assert_array_equal(got, want)


def test_lenet5_matches_cli(lenet5, models, rng, tmp_path):
    x = rng.random((3, 1, 28, 28), dtype=np.float32)
    got = lenet5.compile(mantissa_bits=7, approx_ops=["conv"])(x)
    want = run_cli(models["lenet5"], x, tmp_path, "--mantissa-bits", 7,
                   "--approx-ops", "conv")
    np.testing.assert_array_equal(got, want)


def test_multiplier_bits_spelling(mlp, rng):
    x = rng.random((2, 784), dtype=np.float32)
    a = mlp.compile(mantissa_bits=15)(x)
    b = mlp.compile(multiplier_bits=16)(x)
    np.testing.assert_array_equal(a, b)


def test_input_conversions(mlp, rng):
    net = mlp.compile(mantissa_bits=8)
    x = rng.random((4, 784), dtype=np.float32)
    want = net(x)
    # float64 is converted (as the CLI converts float64 .npy files), with
    # the CLI's warning; a non-contiguous float32 view is copied; results
    # are the same.
    with pytest.warns(UserWarning, match="float64 values rounded to float32"):
        np.testing.assert_array_equal(net(x.astype(np.float64)), want)
    wide = np.zeros((4, 2 * 784), dtype=np.float32)
    wide[:, ::2] = x
    np.testing.assert_array_equal(net(wide[:, ::2]), want)
    np.testing.assert_array_equal(net(np.asfortranarray(x)), want)
    # Several batch sizes on one compiled model.
    np.testing.assert_array_equal(net(x[:1]), want[:1])
    # The input is only read.
    before = x.copy()
    net(x)
    np.testing.assert_array_equal(x, before)


def test_batch_compiled_ahead(mlp, rng):
    net = mlp.compile(batch=3)
    x = rng.random((3, 784), dtype=np.float32)
    np.testing.assert_array_equal(net(x), mlp.compile()(x))
    with pytest.raises(framnn.Error, match="compiled for batch 3, got 2"):
        net(x[:2])


def test_wrong_shape_is_the_cli_error(mlp, models, tmp_path):
    x = np.zeros((2, 783), dtype=np.float32)
    np.save(tmp_path / "x.npy", x)
    want = cli_error("run", models["mlp"], "--input", tmp_path / "x.npy",
                     "-o", tmp_path / "y.npy")
    with pytest.raises(framnn.Error) as e:
        mlp.compile()(x)
    assert str(e.value) == want


def test_wrong_dtype_and_count(mlp):
    net = mlp.compile()
    with pytest.raises(framnn.Error, match="takes float32 for input 'input', got int64"):
        net(np.zeros((2, 784), dtype=np.int64))
    with pytest.raises(framnn.Error, match="the model has 1 input but 2 were given"):
        net(np.zeros((2, 784), np.float32), np.zeros((2, 784), np.float32))


@pytest.mark.parametrize("kw", [{"mantissa_bits": 24}, {"mantissa_bits": -1},
                                {"multiplier_bits": 0}, {"multiplier_bits": 25}])
def test_precision_out_of_range(mlp, models, tmp_path, kw):
    (option, value), = kw.items()
    flag = "--" + option.replace("_", "-")
    np.save(tmp_path / "x.npy", np.zeros((1, 784), np.float32))
    want = cli_error("run", models["mlp"], "--input", tmp_path / "x.npy",
                     flag, value, "-o", tmp_path / "y.npy")
    with pytest.raises(framnn.Error) as e:
        mlp.compile(**kw)
    assert str(e.value) == want


def test_bad_approx_ops(mlp):
    with pytest.raises(framnn.Error):
        mlp.compile(mantissa_bits=8, approx_ops=["nonsense"])(
            np.zeros((1, 784), np.float32))


def test_bad_arrays_raise(mlp):
    net = mlp.compile()
    for bad in (None, "text", np.array([object()]), np.float32(1.0),
                np.zeros((0, 784), np.float32)[None],
                # An empty batch is refused (as by the CLI), not a crash.
                np.zeros((0, 784), np.float32)):
        with pytest.raises(framnn.Error):
            net(bad)
    assert net(np.ones((1, 784), np.float32)).shape == (1, 10)
