"""Fashion-MNIST as numpy arrays, from the files ``framnn train --dataset
fashion-mnist`` reads: ``$FRAMNN_FASHION_MNIST_DIR``, else Debian's
``dataset-fashion-mnist`` in /usr/share/datasets/fashion-mnist (the four
MNIST-style IDX files, gzipped or not)."""

import gzip as _gzip
import os as _os

import numpy as _np

from . import Error

__all__ = ["fashion_mnist_directory", "fashion_mnist"]

_STEMS = {"train": ("train-images-idx3-ubyte", "train-labels-idx1-ubyte"),
          "test": ("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte")}


def fashion_mnist_directory() -> str:
    """Where the CLI looks for ``fashion-mnist``."""
    return _os.environ.get("FRAMNN_FASHION_MNIST_DIR") or \
        "/usr/share/datasets/fashion-mnist"


def _read_idx(directory, stem):
    for name in (stem, stem + ".gz"):
        path = _os.path.join(directory, name)
        if _os.path.isfile(path):
            opener = _gzip.open if name.endswith(".gz") else open
            try:
                with opener(path, "rb") as f:
                    data = f.read()
            except OSError as e:
                raise Error(f"cannot read '{path}': {e}") from None
            if len(data) < 4 or data[:3] != b"\0\0\x08":
                raise Error(f"{path}: not an IDX file of unsigned bytes")
            rank = data[3]
            shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big")
                     for i in range(rank)]
            offset = 4 + 4 * rank
            if len(data) - offset != int(_np.prod(shape)):
                raise Error(f"{path}: {len(data) - offset} bytes of data for "
                            f"shape {shape}")
            return _np.frombuffer(data, _np.uint8, offset=offset).reshape(shape)
    raise Error(f"{directory}: missing {stem}[.gz] (install Debian's "
                "dataset-fashion-mnist or set FRAMNN_FASHION_MNIST_DIR)")


def fashion_mnist(split: str = "test", samples=None, directory=None):
    """``(images, labels)`` of a split (``"train"`` or ``"test"``): uint8
    images ``[N, 28, 28]`` (``framnn.train`` divides uint8 by 255, as the
    CLI does) and int64 labels ``[N]``; the first ``samples`` only, as
    ``--train-samples``/``--test-samples`` take them."""
    if split not in _STEMS:
        raise Error(f"split '{split}' is not one of train, test")
    directory = directory or fashion_mnist_directory()
    images_stem, labels_stem = _STEMS[split]
    images = _read_idx(directory, images_stem)
    labels = _read_idx(directory, labels_stem).astype(_np.int64)
    if samples is not None:
        images, labels = images[:samples], labels[:samples]
    return images, labels
