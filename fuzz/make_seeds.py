#!/usr/bin/python3
"""Writes the seed corpus of every fuzz target to fuzz/corpus/<target>/.

Run with Debian's Python (numpy, onnx): /usr/bin/python3 fuzz/make_seeds.py.
The seeds are committed; this script says where each one comes from and
rebuilds them. They are small on purpose (libFuzzer's -max_len defaults to
the largest seed): the test models and files of the repository, cut down.
"""
import gzip
import io
import json
import pathlib
import re
import shutil
import struct
import zipfile

import numpy as np
import onnx
import onnx.parser

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fuzz" / "corpus"
MAX_SEED = 4096


def target_dir(name):
    path = CORPUS / name
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


def onnx_import():
    """The ONNX textual test models of test/Target/ONNX, as binary protobuf."""
    out = target_dir("onnx-import")
    for src in sorted((ROOT / "test" / "Target" / "ONNX").rglob("*.onnxtxt")):
        text = "\n".join(l for l in src.read_text().splitlines()
                         if not l.lstrip().startswith("#"))
        try:
            model = onnx.parser.parse_model(text)
        except Exception:  # a test of the refusal of bad text
            continue
        data = model.SerializeToString()
        if len(data) <= MAX_SEED:
            (out / (src.stem + ".onnx")).write_bytes(data)


def npy_bytes(array, version=None):
    buffer = io.BytesIO()
    if version is None:
        np.save(buffer, array)
    else:
        np.lib.format.write_array(buffer, array, version=version)
    return buffer.getvalue()


ARRAYS = {
    "f4": np.arange(6, dtype="<f4").reshape(2, 3),
    "f8": np.array([[0.5, -1.0], [np.inf, np.nan]], dtype="<f8"),
    "i4": np.array([1, -2, 3], dtype="<i4"),
    "i8": np.array([[7], [-9]], dtype="<i8"),
    "u1": np.arange(16, dtype="u1").reshape(2, 2, 2, 2),
    "scalar": np.array(3.5, dtype="<f4"),
    "empty": np.zeros((0, 4), dtype="<f4"),
    "fortran": np.asfortranarray(np.arange(6, dtype="<f4").reshape(2, 3)),
    "big-endian": np.arange(3, dtype=">f4"),
    "bool": np.array([True, False]),
}


def npy():
    out = target_dir("npy")
    for name, array in ARRAYS.items():
        (out / (name + ".npy")).write_bytes(npy_bytes(array))
    (out / "v2.npy").write_bytes(npy_bytes(ARRAYS["f4"], version=(2, 0)))
    (out / "v3.npy").write_bytes(npy_bytes(ARRAYS["i8"], version=(3, 0)))


def npz():
    out = target_dir("npz")
    arrays = {k: ARRAYS[k] for k in ("f4", "f8", "i8", "u1")}
    for name, save in (("stored", np.savez),
                       ("deflated", np.savez_compressed)):
        buffer = io.BytesIO()
        save(buffer, **arrays)
        (out / (name + ".npz")).write_bytes(buffer.getvalue())
    # A member that is not an array, as numpy.savez never writes.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("x.npy", npy_bytes(ARRAYS["i4"]))
        archive.writestr("notes.txt", "not an array")
    (out / "mixed.npz").write_bytes(buffer.getvalue())


def idx():
    out = target_dir("idx")
    images = np.arange(2 * 3 * 3, dtype="u1").reshape(2, 3, 3)
    labels = np.array([3, 9], dtype="u1")
    for name, array in (("images", images), ("labels", labels)):
        data = bytes([0, 0, 8, array.ndim]) + struct.pack(
            ">%dI" % array.ndim, *array.shape) + array.tobytes()
        (out / (name + ".idx")).write_bytes(data)
        (out / (name + ".idx.gz")).write_bytes(gzip.compress(data, mtime=0))


def hw_model():
    out = target_dir("hw-model")
    sources = [ROOT / "data" / "hw-models" / "default.json"]
    sources += sorted((ROOT / "test" / "Schedule" / "Inputs").rglob("*.json"))
    for src in sources:
        name = src.relative_to(ROOT).as_posix().replace("/", "_")
        shutil.copy(src, out / name)


def schedule_json():
    out = target_dir("schedule-json")
    schedules = {
        "optimal": {"policy": "optimal", "epochs": 4,
                    "mantissa_bits": [4, 8, 12, 23]},
        "uniform": {"policy": "uniform", "epochs": 2,
                    "mantissa_bits": [7, 7]},
        "linear": {"policy": "linear", "epochs": 3,
                   "mantissa_bits": [6, 14, 23]},
        "adaptive": {"policy": "adaptive", "epochs": 1,
                     "mantissa_bits": [0]},
    }
    for name, value in schedules.items():
        (out / (name + ".json")).write_text(json.dumps(value))


def checkpoint():
    """The state JSON of a checkpoint (lib/Driver/Checkpoint.cpp)."""
    out = target_dir("checkpoint")
    record = {"epoch": 0, "m": 6, "loss": 2.25, "train_acc": 0.25,
              "val_acc": 0.5, "test_acc": 0.125, "seconds": 1.5,
              "train_seconds": 1.25, "modelled_energy": 0.0625}
    state = {"format": "framnn-checkpoint", "version": 1,
             "fingerprint": {"model": "abc", "lr": "0.05", "seed": "7"},
             "epoch": 1, "batch_in_epoch": 1, "step": 10,
             "epoch_loss_sum": 2.5, "validation_errors": [0.5],
             "records": [record], "elapsed_seconds": 3.0}
    (out / "mid-epoch.json").write_text(json.dumps(state))
    state.update(epoch=0, batch_in_epoch=0, step=0, validation_errors=[],
                 records=[])
    (out / "start.json").write_text(json.dumps(state))


def mlir_attr():
    """The dialect tests of test/Dialect, split at `// -----`."""
    out = target_dir("mlir-attr")
    for src in sorted((ROOT / "test" / "Dialect").rglob("*.mlir")):
        pieces = re.split(r"^// -----$", src.read_text(), flags=re.M)
        for i, piece in enumerate(pieces):
            text = "\n".join(l for l in piece.splitlines()
                             if not l.lstrip().startswith("//")).strip()
            if text and len(text) <= MAX_SEED:
                name = "%s-%s-%d.mlir" % (src.parent.name, src.stem, i)
                (out / name).write_text(text + "\n")


if __name__ == "__main__":
    for make in (onnx_import, npy, npz, idx, hw_model, schedule_json,
                 checkpoint, mlir_attr):
        make()
