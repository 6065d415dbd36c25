"""The real networks users bring, as PyTorch exports them.

Six models, built with random weights and exported with
``torch.onnx.export`` at opset 13 with default settings (the way a user
exports them; eval-mode BatchNorm is folded into the Conv weights):

* ``resnet18``: torchvision ``resnet18(num_classes=10)``, 3x32x32;
* ``mobilenet_v2``: torchvision ``mobilenet_v2(num_classes=10)``, 3x32x32;
* ``squeezenet``: torchvision ``squeezenet1_1(num_classes=10)``, 3x64x64;
* ``shufflenet``: torchvision ``shufflenet_v2_x0_5(num_classes=10)``,
  3x64x64;
* ``vit``: torchvision ``VisionTransformer(image_size=32, patch_size=8,
  num_layers=2, num_heads=4, hidden_dim=64, mlp_dim=128, num_classes=10)``;
* ``text``: ``nn.Embedding(100, 32)`` + a 2-layer
  ``nn.TransformerEncoder(nn.TransformerEncoderLayer(32, 4, 64,
  batch_first=True))`` + the mean over the tokens + ``nn.Linear(32, 10)``,
  int64 token ids of shape (N, 12).

Every parameter and buffer is perturbed with a seeded generator so that no
two initializers are equal (the exporter merges equal initializers, which
would tie parameters that are not tied), and BatchNorm running statistics
are random (mean near 0, variance near 1). ``train`` exports use
``TrainingMode.TRAINING`` (BatchNorm with batch statistics) and no constant
folding, so the initializers keep their PyTorch names.
"""

import os

import numpy as np
import onnx
import torch
import torch.nn as nn

MODELS = ("resnet18", "mobilenet_v2", "squeezenet", "shufflenet", "vit",
          "text")
# Models with BatchNorm: these get a train export too.
WITH_BATCH_NORM = ("resnet18", "mobilenet_v2", "shufflenet")
VOCABULARY, TOKENS = 100, 12
OPSET = 13
SEED = 20261206


# Input shape without the batch.
SHAPES = {"resnet18": (3, 32, 32), "mobilenet_v2": (3, 32, 32),
          "squeezenet": (3, 64, 64), "shufflenet": (3, 64, 64),
          "vit": (3, 32, 32), "text": (TOKENS,)}


def input_spec(name):
    """(input shape without the batch, dtype) of model `name`."""
    if name not in SHAPES:
        raise ValueError(f"unknown model {name}; one of {', '.join(MODELS)}")
    return SHAPES[name], torch.int64 if name == "text" else torch.float32


class TextClassifier(nn.Module):
    """Embedding, a 2-layer transformer encoder, mean over the tokens,
    Linear."""

    def __init__(self, dropout=0.1):
        super().__init__()
        self.embed = nn.Embedding(VOCABULARY, 32)
        layer = nn.TransformerEncoderLayer(32, 4, 64, dropout=dropout,
                                           batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, 2)
        self.head = nn.Linear(32, 10)

    def forward(self, tokens):
        return self.head(self.encoder(self.embed(tokens)).mean(dim=1))


def build(name, seed=SEED, dropout=None):
    """The torch module of model `name`, perturbed (see the module doc).
    `dropout` overrides the dropout of the models that have one."""
    import torchvision.models as tvm
    input_spec(name)
    torch.manual_seed(seed)
    if name == "resnet18":
        model = tvm.resnet18(num_classes=10)
    elif name == "mobilenet_v2":
        kw = {} if dropout is None else {"dropout": dropout}
        model = tvm.mobilenet_v2(num_classes=10, **kw)
    elif name == "squeezenet":
        model = tvm.squeezenet1_1(num_classes=10)
    elif name == "shufflenet":
        model = tvm.shufflenet_v2_x0_5(num_classes=10)
    elif name == "vit":
        model = tvm.VisionTransformer(image_size=32, patch_size=8,
                                      num_layers=2, num_heads=4,
                                      hidden_dim=64, mlp_dim=128,
                                      num_classes=10)
    else:
        model = TextClassifier(0.1 if dropout is None else dropout)
    return _perturbed(model, seed)


def _perturbed(model, seed):
    """Every float parameter and buffer moved by a distinct random amount;
    BatchNorm statistics random but plausible."""
    gen = torch.Generator().manual_seed(seed + 1)
    with torch.no_grad():
        for p in model.parameters():
            p.add_(0.02 * torch.randn(p.shape, generator=gen))
        for mod in model.modules():
            if isinstance(mod, nn.modules.batchnorm._BatchNorm):
                n = mod.num_features
                mod.running_mean.copy_(0.1 * torch.randn(n, generator=gen))
                mod.running_var.copy_(
                    1.0 + 0.2 * torch.rand(n, generator=gen))
    return model


def sample_input(name, batch, seed=SEED):
    """A seeded batch: images uniform in [-1, 1], or token ids."""
    shape, dtype = input_spec(name)
    gen = torch.Generator().manual_seed(seed + 7)
    if dtype == torch.int64:
        return torch.randint(0, VOCABULARY, (batch,) + shape, generator=gen)
    return 2 * torch.rand((batch,) + shape, generator=gen) - 1


def export(name, path, train=False, seed=SEED, opset=OPSET, dropout=None):
    """Exports model `name` to `path` (checked by onnx.checker) and returns
    the torch module, in train mode for a train export."""
    model = build(name, seed, dropout)
    if train:
        model.train()
    else:
        model.eval()
    dummy = sample_input(name, 2, seed)
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    kwargs = {}
    if train:
        kwargs = dict(training=torch.onnx.TrainingMode.TRAINING,
                      do_constant_folding=False)
    torch.onnx.export(model, (dummy,), path, opset_version=opset,
                      input_names=["input"], output_names=["logits"],
                      dynamic_axes={"input": {0: "batch"},
                                    "logits": {0: "batch"}}, **kwargs)
    onnx.checker.check_model(onnx.load(path), full_check=True)
    return model


def write_npz_dataset(name, path, train, test, seed=SEED):
    """An npz dataset (x_train, y_train, x_test, y_test) of random inputs of
    the model's shape with random labels over 10 classes."""
    x_train = sample_input(name, train, seed + 11).numpy()
    x_test = sample_input(name, test, seed + 13).numpy()
    rng = np.random.default_rng(seed)
    np.savez(path, x_train=x_train, y_train=rng.integers(0, 10, train),
             x_test=x_test, y_test=rng.integers(0, 10, test))
