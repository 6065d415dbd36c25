"""framnn.torch.from_module and load_state_dict: names, values, BatchNorm
statistics, the module left as it was, and errors as framnn.Error."""
import warnings

import numpy as np
import pytest
import torch
import torch.nn as nn

import framnn
import framnn.torch as ft
from torch_helpers import build_model


def float_state(module):
    """Copies of the float state_dict entries, as numpy."""
    return {k: v.detach().numpy().copy()
            for k, v in module.state_dict().items() if v.is_floating_point()}


def export_quietly(module, example, **options):
    with warnings.catch_warnings():
        warnings.simplefilter("error", ft.MappingWarning)
        return ft.from_module(module, example, **options)


@pytest.mark.parametrize("name, shape", [("mlp", (784,)),
                                         ("smallcnn", (1, 28, 28))])
def test_parameters_are_the_state_dict(name, shape):
    """Every float state_dict entry (BatchNorm running statistics too) is a
    FramNN parameter of the same name, equal bit for bit; the module, its
    training flag and the global RNG are as before the export (a training
    export runs one forward pass in train(), which moves BatchNorm's
    statistics and draws Dropout masks)."""
    net, _ = build_model(name)
    before = float_state(net)
    example = torch.rand((4,) + shape)
    rng_before = torch.get_rng_state()
    model = export_quietly(net, example)
    params = model.parameters
    assert set(params) == set(before)
    for k, v in before.items():
        np.testing.assert_array_equal(params[k], v, err_msg=k)
        np.testing.assert_array_equal(float_state(net)[k], v, err_msg=k)
    assert not net.training
    assert torch.equal(torch.get_rng_state(), rng_before)
    assert [i.shape for i in model.inputs] == [(None,) + shape]


class TwoLayers(nn.Module):
    """Two layers whose biases start equal (zeros), BatchNorm after each."""

    def __init__(self):
        super().__init__()
        self.a, self.b = nn.Linear(6, 6), nn.Linear(6, 4)
        self.bn = nn.BatchNorm1d(6)
        nn.init.zeros_(self.a.bias)
        nn.init.zeros_(self.b.bias)

    def forward(self, x):
        return self.b(self.bn(self.a(x)))


def test_training_export_keeps_equal_initializers_apart():
    # An eval export merges initializers of equal value: b.bias would be
    # a.bias (and bn.bias too), trained as one parameter.
    net = TwoLayers()
    model = export_quietly(net, torch.rand(3, 6))
    assert set(model.parameters) == set(float_state(net))
    with pytest.warns(ft.MappingWarning, match=r"no initializer named .*bn\.bias"):
        ft.from_module(net, torch.rand(3, 6), training=False)


def test_tied_weights_map_to_one_initializer():
    class Tied(nn.Module):
        def __init__(self):
            super().__init__()
            self.enc = nn.Linear(5, 5, bias=False)
            self.dec = nn.Linear(5, 5, bias=False)
            self.dec.weight = self.enc.weight

        def forward(self, x):
            return self.dec(torch.relu(self.enc(x)))

    net = Tied()
    model = export_quietly(net, torch.rand(2, 5))
    assert list(model.parameters) == ["enc.weight"]
    fresh = Tied()
    ft.load_state_dict(fresh, model)
    assert torch.equal(fresh.dec.weight, net.enc.weight)


def test_load_state_dict_copies_by_name():
    """Parameters and BatchNorm statistics of one module into another built
    from a different seed."""
    source, _ = build_model("smallcnn", seed=1)
    target, _ = build_model("smallcnn", seed=2)
    model = export_quietly(source, torch.rand(2, 1, 28, 28))
    result = ft.load_state_dict(target, model)
    assert result == ft.LoadResult([], [])
    want = float_state(source)
    got = float_state(target)
    for k in want:
        np.testing.assert_array_equal(got[k], want[k], err_msg=k)
    assert "bn1.running_var" in want


def test_load_state_dict_errors():
    mlp, _ = build_model("mlp64")
    model = export_quietly(mlp, torch.rand(2, 784))
    wider, _ = build_model("mlp")
    before = float_state(wider)
    with pytest.raises(framnn.Error) as e:
        ft.load_state_dict(wider, model)
    message = str(e.value)
    assert "\n" not in message
    assert message.startswith("framnn.torch.load_state_dict: shape mismatch "
                              "for fc1.weight (module (512, 784), model (64, 784))")
    # Nothing was copied.
    for k, v in float_state(wider).items():
        np.testing.assert_array_equal(v, before[k])

    class Extra(nn.Module):
        def __init__(self):
            super().__init__()
            self.fc1 = nn.Linear(784, 64)
            self.head = nn.Linear(64, 10)

    with pytest.raises(framnn.Error, match=r"the model has no parameter "
                       r"head\.weight, head\.bias; the module has no entry "
                       r"for the model's fc2\.bias, fc2\.weight, fc3"):
        ft.load_state_dict(Extra(), model)
    partial = Extra()
    result = ft.load_state_dict(partial, model, strict=False)
    assert result.missing_keys == ["head.weight", "head.bias"]
    assert "fc3.bias" in result.unexpected_keys
    np.testing.assert_array_equal(partial.fc1.weight.detach().numpy(),
                                  model.parameters["fc1.weight"])

    with pytest.raises(framnn.Error, match="takes a torch.nn.Module"):
        ft.load_state_dict(model, mlp)
    with pytest.raises(framnn.Error, match="takes a framnn.Model"):
        ft.load_state_dict(mlp, {"fc1.weight": 0})


def test_from_module_errors():
    with pytest.raises(framnn.Error, match="takes a torch.nn.Module"):
        ft.from_module(lambda x: x, torch.zeros(1))
    with pytest.raises(framnn.Error, match="example_input must be a tensor"):
        ft.from_module(nn.Linear(2, 2), [[1.0, 2.0]])
    # BatchNorm in train() needs more than one sample per channel.
    with pytest.raises(framnn.Error) as e:
        ft.from_module(nn.Sequential(nn.Linear(3, 3), nn.BatchNorm1d(3)),
                       torch.zeros(1, 3))
    assert str(e.value).startswith("torch.onnx.export failed: ValueError: "
                                   "Expected more than 1 value per channel")
    assert "\n" not in str(e.value)


def test_several_inputs_and_model_forms(tmp_path):
    """A module with two inputs exports as input0, input1 (batch dynamic)
    and runs in FramNN as in PyTorch; load_state_dict takes a Model, a
    CompiledModel, a path or ONNX bytes."""
    class Two(nn.Module):
        def __init__(self):
            super().__init__()
            self.fc = nn.Linear(5, 3)

        def forward(self, a, b):
            return self.fc(torch.cat([a, b], dim=1))

    net = Two()
    model = export_quietly(net, (torch.rand(2, 2), torch.rand(2, 3)))
    assert [(i.name, i.shape) for i in model.inputs] == \
        [("input0", (None, 2)), ("input1", (None, 3))]
    a = np.random.default_rng(0).random((4, 2), dtype=np.float32)
    b = np.random.default_rng(1).random((4, 3), dtype=np.float32)
    with torch.no_grad():
        want = net(torch.from_numpy(a), torch.from_numpy(b)).numpy()
    # Sum order differs: measured over 50 seeds of a Linear(5, 3) at most
    # 1.6e-7 of the largest output apart; allowed 1e-6.
    got = model.compile()(a, b)
    assert np.abs(got - want).max() <= 1e-6 * np.abs(want).max()
    model.save(tmp_path / "two.onnx")
    for form in (model, model.compile(), tmp_path / "two.onnx",
                 model.to_bytes()):
        fresh = Two()
        ft.load_state_dict(fresh, form)
        assert torch.equal(fresh.fc.weight, net.fc.weight)
    with pytest.raises(framnn.Error, match="1 input_names for 2 example inputs"):
        ft.from_module(net, (torch.rand(2, 2), torch.rand(2, 3)),
                       input_names=["x"])
