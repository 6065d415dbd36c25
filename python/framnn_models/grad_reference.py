"""Float64 reference for `framnn grad`: the loss of an ONNX model and its
central-difference gradient with respect to the initializers.

The loss is the one `framnn grad` documents: the mean over the batch of the
softmax cross-entropy of the model's output logits, where a trailing
Softmax / LogSoftmax node is not applied (its input is the logits). The graph
is evaluated by npref (NumPy, float64), not by FramNN, so the differences are
an independent reference for every gradient rule.
"""

import copy

import numpy as np
from onnx import helper, numpy_helper, TensorProto

from . import npref


def logits_model(model):
    """`model` with a trailing Softmax/LogSoftmax removed (the loss folds it);
    returns (model', name of the folded op or None)."""
    graph = model.graph
    out = graph.output[0].name
    last = [n for n in graph.node if out in n.output]
    if not last or last[0].op_type not in ("Softmax", "LogSoftmax"):
        return model, None
    m = copy.deepcopy(model)
    node = [n for n in m.graph.node if out in n.output][0]
    m.graph.node.remove(node)
    del m.graph.output[:]
    m.graph.output.append(
        helper.make_tensor_value_info(node.input[0], TensorProto.FLOAT, None))
    return m, last[0].op_type


def softmax_cross_entropy(logits, labels):
    """Mean over the batch of -log_softmax(logits)[n, labels[n]] (float64,
    max-subtracted log-sum-exp)."""
    z = np.asarray(logits, dtype=np.float64)
    z = z - z.max(axis=1, keepdims=True)
    lse = np.log(np.exp(z).sum(axis=1))
    return float(np.mean(lse - z[np.arange(len(labels)), labels]))


def trainable(model):
    """name -> float64 value of every floating-point initializer."""
    out = {}
    for init in model.graph.initializer:
        arr = numpy_helper.to_array(init)
        if arr.dtype.kind == "f":
            out[init.name] = arr.astype(np.float64)
    return out


class LossFunction:
    """loss(params) of a fixed batch; `params` overrides initializers."""

    def __init__(self, model, inputs, labels):
        self.model, self.folded = logits_model(model)
        self.inputs = {k: np.asarray(v, dtype=np.float64) for k, v in inputs.items()}
        self.labels = np.asarray(labels, dtype=np.int64)

    def __call__(self, params=None):
        feeds = dict(self.inputs)
        feeds.update(params or {})
        logits = npref.run(self.model, feeds)[0]
        return softmax_cross_entropy(logits, self.labels)


def central_difference(loss, params, name, indices, step):
    """d loss / d params[name][i] for the flat indices `indices`, by
    (L(p + h) - L(p - h)) / 2h in float64 with h = step * max(1, |p_i|)."""
    base = params[name]
    grad = np.empty(len(indices))
    for k, i in enumerate(indices):
        h = step * max(1.0, abs(float(base.flat[i])))
        vals = []
        for sign in (1.0, -1.0):
            p = base.copy()
            p.flat[i] += sign * h
            vals.append(loss({name: p}))
        grad[k] = (vals[0] - vals[1]) / (2 * h)
    return grad


def sample_indices(size, limit, rng):
    """All flat indices if there are at most `limit`, else a random subset of
    `limit` of them (sorted)."""
    if size <= limit:
        return np.arange(size)
    return np.sort(rng.choice(size, limit, replace=False))
