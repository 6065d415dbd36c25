"""PyTorch definitions of the networks FramNN is tested and demonstrated on.

* ``mlp``: the paper's MNIST network (Table III): 784-512-512-10 with ReLU and
  Dropout(0.5) after each hidden layer (the paper applies dropout 0.5 to the
  fully-connected layers).
* ``mlp64``: the same with 64-unit hidden layers (the training tests).
* ``mlp_digits``: the paper MLP on scikit-learn's 8x8 digits, 64-512-512-10
  (scripts/reproduce.py's stand-in for the paper's ISOLET/HAR MLPs).
* ``papercnn``: the paper's Table III CNN (CIFAR-10) on 1x28x28 inputs:
  conv3x3(32) -> conv3x3(32) -> maxpool2 -> conv3x3(64) -> conv3x3(64) ->
  maxpool2 -> fc512 -> fc10, ReLU after every conv and hidden fc.
* ``lenet5``: the classic LeNet-5 (Fig. 1 of the paper) on 28x28 inputs:
  conv5x5(6, pad 2) -> ReLU -> maxpool2 -> conv5x5(16) -> ReLU -> maxpool2 ->
  fc120 -> ReLU -> fc84 -> ReLU -> fc10.
* ``smallcnn``: a small CNN exercising the rest of the nn dialect's CNN ops:
  Conv+BatchNorm, AveragePool, a strided/dilated grouped conv, a residual
  Add, GlobalAveragePool, Flatten, Gemm.

All models take ``N x 784`` (``mlp``) or ``N x 1 x 28 x 28`` float32 inputs
and return 10 logits (no trailing softmax: the loss fuses it).
"""

import torch
import torch.nn as nn
import torch.nn.functional as F


class PaperMLP(nn.Module):
    """784-512-512-10, ReLU, Dropout(0.5) after each hidden layer."""

    def __init__(self, hidden=512, dropout=0.5, inputs=784):
        super().__init__()
        self.fc1 = nn.Linear(inputs, hidden)
        self.fc2 = nn.Linear(hidden, hidden)
        self.fc3 = nn.Linear(hidden, 10)
        self.drop1 = nn.Dropout(dropout)
        self.drop2 = nn.Dropout(dropout)

    def forward(self, x):
        x = self.drop1(F.relu(self.fc1(x)))
        x = self.drop2(F.relu(self.fc2(x)))
        return self.fc3(x)


class PaperCNN(nn.Module):
    """Table III's CIFAR-10 network on 1x28x28 images ('valid' 3x3
    convolutions: 26, 24, pool 12, 10, 8, pool 4 -> 64*4*4 = 1024
    features); Dropout(0.5) after the hidden fully-connected layer."""

    def __init__(self, dropout=0.5):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, kernel_size=3)
        self.conv2 = nn.Conv2d(32, 32, kernel_size=3)
        self.conv3 = nn.Conv2d(32, 64, kernel_size=3)
        self.conv4 = nn.Conv2d(64, 64, kernel_size=3)
        self.fc1 = nn.Linear(64 * 4 * 4, 512)
        self.fc2 = nn.Linear(512, 10)
        self.drop = nn.Dropout(dropout)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv2(F.relu(self.conv1(x)))), 2)
        x = F.max_pool2d(F.relu(self.conv4(F.relu(self.conv3(x)))), 2)
        x = torch.flatten(x, 1)
        x = self.drop(F.relu(self.fc1(x)))
        return self.fc2(x)


class LeNet5(nn.Module):
    """LeNet-5 on 28x28 inputs (padding 2 on the first conv makes it 32x32)."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, kernel_size=5, padding=2)
        self.conv2 = nn.Conv2d(6, 16, kernel_size=5)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        # torch.flatten(x, 1) exports as a single ONNX Flatten node; x.view()
        # with a dynamic batch would export Shape/Gather/Concat/Reshape.
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        return self.fc3(x)


class SmallCNN(nn.Module):
    """A small CNN covering BatchNorm, AvgPool, grouped/strided/dilated conv,
    a residual Add and GlobalAveragePool."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 8, kernel_size=3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(8)
        self.conv2 = nn.Conv2d(8, 8, kernel_size=3, padding=2, dilation=2, groups=2)
        self.bn2 = nn.BatchNorm2d(8)
        self.conv3 = nn.Conv2d(8, 16, kernel_size=3, stride=2, padding=1)
        self.fc = nn.Linear(16, 10)

    def forward(self, x):
        x = F.relu(self.bn1(self.conv1(x)))                  # 8x28x28
        x = F.avg_pool2d(x, 2)                               # 8x14x14
        x = F.relu(x + self.bn2(self.conv2(x)))              # residual
        x = torch.sigmoid(self.conv3(x))                     # 16x7x7
        x = F.adaptive_avg_pool2d(x, 1)                      # GlobalAveragePool
        x = torch.flatten(x, 1)
        return self.fc(x)


def _randomize_batchnorm(model, gen):
    """Give BatchNorm layers non-trivial running statistics and affine
    parameters so that an exporter that drops or swaps them is caught."""
    for m in model.modules():
        if isinstance(m, nn.BatchNorm2d):
            with torch.no_grad():
                m.weight.copy_(torch.rand(m.num_features, generator=gen) + 0.5)
                m.bias.copy_(torch.randn(m.num_features, generator=gen) * 0.1)
                m.running_mean.copy_(torch.randn(m.num_features, generator=gen) * 0.1)
                m.running_var.copy_(torch.rand(m.num_features, generator=gen) + 0.5)


# name -> (constructor, input shape without the batch dimension)
MODELS = {
    "mlp": (PaperMLP, (784,)),
    # The paper MLP's shape with 64-unit hidden layers: fast enough for the
    # training tests.
    "mlp64": (lambda: PaperMLP(hidden=64), (784,)),
    "mlp_digits": (lambda: PaperMLP(inputs=64), (64,)),
    "papercnn": (PaperCNN, (1, 28, 28)),
    "lenet5": (LeNet5, (1, 28, 28)),
    "smallcnn": (SmallCNN, (1, 28, 28)),
}

DEFAULT_SEED = 0


def build_model(name, seed=DEFAULT_SEED):
    """Builds model `name` with parameters drawn from `seed`, in eval mode.

    Returns (module, input_shape_without_batch)."""
    if name not in MODELS:
        raise KeyError(f"unknown model '{name}' (known: {', '.join(MODELS)})")
    ctor, in_shape = MODELS[name]
    torch.manual_seed(seed)
    model = ctor()
    _randomize_batchnorm(model, torch.Generator().manual_seed(seed + 1))
    model.eval()
    return model, in_shape


def sample_input(name, batch=4, seed=DEFAULT_SEED):
    """A deterministic float32 input batch for model `name`."""
    _, in_shape = MODELS[name]
    gen = torch.Generator().manual_seed(seed + 2)
    return torch.rand((batch,) + tuple(in_shape), generator=gen, dtype=torch.float32)
