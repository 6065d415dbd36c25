"""framnn.datasets: Fashion-MNIST as arrays, errors as framnn.Error. (The
values are checked end to end by test_torch_roundtrip.py: PyTorch's
accuracy on these arrays equals `framnn eval --dataset fashion-mnist`,
which reads the files itself.)"""
import gzip

import numpy as np
import pytest

import framnn
from framnn.datasets import fashion_mnist


def test_shapes_and_types():
    images, labels = fashion_mnist("test", samples=5)
    assert images.shape == (5, 28, 28) and images.dtype == np.uint8
    assert labels.dtype == np.int64 and labels.shape == (5,)
    assert set(labels) <= set(range(10))


def test_errors(tmp_path):
    with pytest.raises(framnn.Error, match="split 'valid' is not one of"):
        fashion_mnist("valid")
    with pytest.raises(framnn.Error, match="missing t10k-images-idx3-ubyte"):
        fashion_mnist("test", directory=str(tmp_path))
    with gzip.open(tmp_path / "t10k-images-idx3-ubyte.gz", "wb") as f:
        f.write(b"\0\0\x08\x03" + (2).to_bytes(4, "big") * 3 + b"\0" * 7)
    with pytest.raises(framnn.Error, match="7 bytes of data for shape"):
        fashion_mnist("test", directory=str(tmp_path))
