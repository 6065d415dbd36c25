"""framnn.load, Model.inputs/outputs/parameters, Model.save, errors."""
import onnx
import onnx.numpy_helper
import numpy as np
import pytest

import framnn
from conftest import cli_error


def test_signature(mlp, lenet5):
    assert mlp.inputs == [framnn.TensorInfo("input", (None, 784), "float32")]
    assert [o.name for o in mlp.outputs] == ["logits"]
    assert mlp.outputs[0].shape == (None, 10)
    assert mlp.outputs[0].dtype == "float32"
    assert lenet5.inputs[0].shape == (None, 1, 28, 28)


def test_parameters_are_the_onnx_initializers(mlp, models):
    proto = onnx.load(str(models["mlp"]))
    want = {i.name: onnx.numpy_helper.to_array(i) for i in proto.graph.initializer}
    got = mlp.parameters
    assert set(got) == set(want)
    for name, value in want.items():
        assert got[name].dtype == value.dtype
        np.testing.assert_array_equal(got[name], value)
    # A copy each time: changing it does not change the model.
    got["fc1.weight"][...] = 0
    assert mlp.parameters["fc1.weight"].any()


def test_load_bytes_and_save(mlp, models, tmp_path):
    data = models["mlp"].read_bytes()
    from_bytes = framnn.load(data)
    assert from_bytes.inputs == mlp.inputs
    assert from_bytes.to_bytes() == data
    out = tmp_path / "saved.onnx"
    from_bytes.save(out)
    assert out.read_bytes() == data
    onnx.checker.check_model(onnx.load(str(out)))
    again = framnn.load(out)
    for k, v in mlp.parameters.items():
        np.testing.assert_array_equal(again.parameters[k], v)


def test_bad_path(tmp_path):
    missing = tmp_path / "missing.onnx"
    with pytest.raises(framnn.Error) as e:
        framnn.load(missing)
    assert str(e.value) == cli_error("run", missing, "-o", tmp_path / "y.npy")


def test_bad_bytes(tmp_path):
    bad = b"this is not an onnx model"
    path = tmp_path / "bad.onnx"
    path.write_bytes(bad)
    want = cli_error("run", path, "-o", tmp_path / "y.npy")
    with pytest.raises(framnn.Error) as e:
        framnn.load(path)
    assert str(e.value) == want
    with pytest.raises(framnn.Error) as e:
        framnn.load(bad)
    # The same message, naming the temporary file the bytes went to.
    assert str(e.value).endswith(want.split(str(path))[-1])


def test_bad_argument_type():
    with pytest.raises(framnn.Error):
        framnn.load(42)


def test_error_is_an_exception_class():
    assert issubclass(framnn.Error, Exception)
