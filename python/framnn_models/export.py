"""Export the zoo's PyTorch models to ONNX the way FramNN expects them.

* opset 13, eval mode (so Dropout is not exported: FramNN re-inserts it in
  the training graph from its options);
* ``export_params=True`` and ``do_constant_folding=False``, so every
  parameter is an initializer that keeps its PyTorch name (``fc1.weight``);
* input ``input`` and output ``logits`` with a dynamic batch axis ``batch``.
"""

import os

import numpy as np
import onnx
import torch

from .models import build_model, sample_input, DEFAULT_SEED

OPSET = 13
INPUT_NAME = "input"
OUTPUT_NAME = "logits"


def export_model(name, path, seed=DEFAULT_SEED, opset=OPSET, double=False):
    """Builds model `name` with `seed`, exports it to `path` and checks the
    file with onnx.checker. Returns the torch module.

    `opset` and `double` (float64 parameters and activations) make the
    variants that FramNN must refuse cleanly (it imports f32 at opsets
    11..17)."""
    model, in_shape = build_model(name, seed)
    dtype = torch.float32
    if double:
        model = model.double()
        dtype = torch.float64
    dummy = torch.zeros((1,) + tuple(in_shape), dtype=dtype)
    d = os.path.dirname(os.path.abspath(path))
    os.makedirs(d, exist_ok=True)
    with torch.no_grad():
        torch.onnx.export(
            model, (dummy,), path,
            export_params=True,
            do_constant_folding=False,
            opset_version=opset,
            training=torch.onnx.TrainingMode.PRESERVE,
            input_names=[INPUT_NAME],
            output_names=[OUTPUT_NAME],
            dynamic_axes={INPUT_NAME: {0: "batch"}, OUTPUT_NAME: {0: "batch"}},
        )
    onnx.checker.check_model(onnx.load(path), full_check=True)
    return model


def write_reference(name, model, out_dir, seed=DEFAULT_SEED, batch=4):
    """Writes NAME.input.npy and NAME.output.npy: a sample batch and the
    torch module's output on it (the independent reference for inference)."""
    x = sample_input(name, batch=batch, seed=seed)
    with torch.no_grad():
        y = model(x)
    np.save(os.path.join(out_dir, f"{name}.input.npy"), x.numpy())
    np.save(os.path.join(out_dir, f"{name}.output.npy"), y.numpy())
