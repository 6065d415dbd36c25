"""Shared by the framnn.torch tests: the zoo's PyTorch models (python/
framnn_models, on the path after the built package so that `framnn` stays
the build tree's), Fashion-MNIST subsets and the bit view of float32."""
import sys

import numpy as np
import pytest

from conftest import ROOT

sys.path.append(str(ROOT / "python"))
from framnn_models.models import build_model  # noqa: E402,F401

from framnn.datasets import fashion_mnist  # noqa: E402


@pytest.fixture(scope="session")
def fmnist_small():
    """The first 3000 training and 2000 test images of Fashion-MNIST (uint8
    [N, 28, 28], labels int64): a training epoch of a few seconds."""
    x_train, y_train = fashion_mnist("train", 3000)
    x_test, y_test = fashion_mnist("test", 2000)
    return x_train, y_train, x_test, y_test


def bits(a):
    """The binary32 bit patterns of an array."""
    return np.ascontiguousarray(a, dtype=np.float32).view(np.uint32)


def special_floats(rng, n):
    """n float32 values mixing normal numbers over many binades, subnormals
    of both signs, random bit patterns (NaNs included), infinities and
    signed zeros."""
    x = rng.integers(0, 2**32, n, dtype=np.uint64).astype(np.uint32)
    x = x.view(np.float32).copy()
    q = n // 4
    x[:q] = (rng.standard_normal(q) *
             10.0 ** rng.integers(-30, 30, q)).astype(np.float32)
    sub = rng.integers(1, 2**23, q, dtype=np.uint64).astype(np.uint32)
    sub |= rng.integers(0, 2, q).astype(np.uint32) << np.uint32(31)
    x[q:2 * q] = sub.view(np.float32)
    x[-7:] = [np.inf, -np.inf, np.nan, 0.0, -0.0, 1e-45, -3e38]
    return x
