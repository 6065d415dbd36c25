"""framnn.ir against framnn-translate / framnn compile --emit mlir."""
import subprocess

import pytest

import framnn
from conftest import BIN, cli


def test_imported_matches_translate(mlp, models):
    want = subprocess.run([str(BIN / "framnn-translate"), "--import-onnx",
                           str(models["mlp"])], capture_output=True, text=True,
                          check=True).stdout
    assert framnn.ir(mlp).strip() == want.strip()


@pytest.mark.parametrize("bits,batch", [(None, 1), (8, 4)])
def test_lowered_matches_compile(mlp, models, tmp_path, bits, batch):
    out = tmp_path / "m.mlir"
    options = [] if bits is None else ["--mantissa-bits", bits]
    cli("compile", models["mlp"], "--emit", "mlir", "--batch", batch, "-o", out,
        *options)
    got = framnn.ir(mlp.compile(mantissa_bits=bits), "lowered", batch=batch)
    assert got.strip() == out.read_text().strip()


def test_training_program(mlp):
    text = framnn.ir(mlp.compile(mantissa_bits=8), "training")
    assert "approx." in text and "func.func" in text
    exact = framnn.ir(mlp, "training")
    assert exact != text


def test_bad_stage(mlp):
    with pytest.raises(framnn.Error, match="stage 'nope'"):
        framnn.ir(mlp, "nope")
