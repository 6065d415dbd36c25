"""The PyTorch user's path: module -> framnn.torch.from_module ->
framnn.train (framnn mode) -> framnn.torch.load_state_dict -> module, where
PyTorch's test accuracy of the loaded-back module is FramNN's (`framnn eval`
and the Python API, exact) on the same test images."""
import json

import numpy as np
import pytest
import torch

import framnn
import framnn.torch as ft
from conftest import cli
from torch_helpers import build_model, fmnist_small  # noqa: F401 (fixture)

# Measured: 8 runs (MLP and LeNet-5; lr 0.01..0.05, batch 32/64; 3000
# training and 2000 test images) gave no argmax difference between PyTorch
# and FramNN at m = 23, logits at most 7.6e-6 apart (summation order). A
# sample whose two best logits are closer than that may flip; allow 2 of
# the 2000.
MAX_FLIPS = 2
TRAIN = dict(mode="framnn", schedule="uniform:8", epochs=1, batch=32,
             lr=0.05, seed=0, train_eval_samples=500)


def predictions(module, images, shape):
    x = torch.from_numpy((images / 255.0).astype(np.float32))
    module.eval()
    with torch.no_grad():
        return module(x.reshape((-1,) + shape)).numpy().argmax(1)


@pytest.mark.parametrize("name, shape", [("mlp", (784,)),
                                         ("lenet5", (1, 28, 28))])
def test_round_trip_matches_framnn_eval(name, shape, fmnist_small, tmp_path):
    x_train, y_train, x_test, y_test = fmnist_small
    net, _ = build_model(name)
    initial = {k: v.detach().clone() for k, v in net.state_dict().items()}
    model = ft.from_module(net, torch.zeros((2,) + shape))
    trained, history = framnn.train(model, fmnist_small, **TRAIN)
    ft.load_state_dict(net, trained)
    assert not torch.equal(net.fc1.weight, initial["fc1.weight"])

    ours = predictions(net, x_test, shape)
    theirs = trained.compile(mantissa_bits=23)(
        (x_test / 255.0).astype(np.float32).reshape((-1,) + shape)).argmax(1)
    assert (ours != theirs).sum() <= MAX_FLIPS
    torch_acc = float((ours == y_test).mean())
    assert torch_acc > 0.4, torch_acc      # trained: chance is 0.1

    trained.save(tmp_path / "trained.onnx")
    cli("eval", tmp_path / "trained.onnx", "--dataset", "fashion-mnist",
        "--limit", len(y_test), "--json", tmp_path / "eval.json")
    result = json.loads((tmp_path / "eval.json").read_text())
    cli_acc = result["results"][0]["accuracy"]
    for framnn_acc in (cli_acc, history.summary["test_acc_exact"]):
        assert abs(torch_acc - framnn_acc) * len(y_test) <= MAX_FLIPS + 0.5, \
            (torch_acc, framnn_acc)


def test_batchnorm_statistics_come_back(fmnist_small):
    """A training export of a CNN with BatchNorm trains on batch statistics
    in FramNN; the running statistics it ends with are the module's after
    load_state_dict, and PyTorch's eval() accuracy is FramNN's."""
    x_train, y_train, x_test, y_test = fmnist_small
    net, _ = build_model("smallcnn")
    before = net.bn1.running_mean.clone()
    model = ft.from_module(net, torch.zeros(2, 1, 28, 28))
    data = (x_train[:512], y_train[:512], x_test[:1000], y_test[:1000])
    trained, history = framnn.train(model, data,
                                    **dict(TRAIN, train_eval_samples=64))
    ft.load_state_dict(net, trained)
    assert not torch.equal(net.bn1.running_mean, before)
    np.testing.assert_array_equal(net.bn2.running_var.numpy(),
                                  trained.parameters["bn2.running_var"])
    torch_acc = float((predictions(net, data[2], (1, 28, 28)) ==
                       data[3]).mean())
    framnn_acc = history.summary["test_acc_exact"]
    assert abs(torch_acc - framnn_acc) * 1000 <= MAX_FLIPS + 0.5, \
        (torch_acc, framnn_acc)
