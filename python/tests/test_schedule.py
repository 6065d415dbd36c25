"""framnn.schedule against `framnn schedule` (--json and the table)."""
import json
import re

import pytest

import framnn
from conftest import cli, cli_error, ROOT

SPECS = [("optimal:4,8,12,16,23", 10), ("uniform:8", 3), ("linear:4..23", 7),
         ("optimal:4..8", 5)]


@pytest.mark.parametrize("policy,epochs", SPECS)
def test_matches_cli(policy, epochs):
    got = framnn.schedule(policy, epochs)
    want = json.loads(cli("schedule", "--policy", policy, "--epochs", epochs,
                          "--json").stdout)
    assert {k: got[k] for k in ("policy", "epochs", "mantissa_bits")} == want
    text = cli("schedule", "--policy", policy, "--epochs", epochs).stdout
    for key in ("energy", "delay", "EDP"):
        value = float(re.search(rf"modelled {key} +([0-9.]+)", text).group(1))
        assert round(got[key.lower()], 4) == value
    rows = re.findall(r"^ +\d+ +\d+ +\d+ +[0-9.]+ +[0-9.]+ +([0-9.]+)$", text, re.M)
    assert [round(e, 4) for e in got["epoch_energy"]] == [float(r) for r in rows]
    assert got["hw_model"] in text
    assert got["edp"] == pytest.approx(got["energy"] * got["delay"])
    assert got["edp_gain"] == pytest.approx(1 / got["edp"])


def test_hw_model_and_adaptive(tmp_path):
    hw = tmp_path / "hw.json"
    hw.write_text(json.dumps({"name": "toy", "levels": [
        {"mantissa_bits": 4, "power": 0.25, "delay": 0.5},
        {"mantissa_bits": 23, "power": 1.0, "delay": 1.0}]}))
    got = framnn.schedule("optimal:4,23", 5, hw_model=hw)
    want = json.loads(cli("schedule", "--policy", "optimal:4,23", "--epochs",
                          5, "--hw-model", hw, "--json").stdout)
    assert got["mantissa_bits"] == want["mantissa_bits"]
    assert got["hw_model"] == "toy"
    errs = [0.5, 0.4, 0.4, 0.4]
    got = framnn.schedule("adaptive:4,8,23", 5, validation_errors=errs)
    want = json.loads(cli("schedule", "--policy", "adaptive:4,8,23", "--epochs",
                          5, "--validation-errors", "0.5,0.4,0.4,0.4",
                          "--json").stdout)
    assert got["mantissa_bits"] == want["mantissa_bits"]


@pytest.mark.parametrize("args", [("uniform:24", 3), ("optimal:8..4", 3),
                                  ("adaptive:4..8", 3), ("uniform:8", 0),
                                  ("nonsense", 3)])
def test_errors_match_cli(args):
    policy, epochs = args
    want = cli_error("schedule", "--policy", policy, "--epochs", epochs)
    with pytest.raises(framnn.Error) as e:
        framnn.schedule(policy, epochs)
    assert str(e.value) == want


def test_bad_hw_model(tmp_path):
    hw = tmp_path / "hw.json"
    hw.write_text("{}")
    want = cli_error("schedule", "--policy", "uniform:8", "--epochs", 2,
                     "--hw-model", hw)
    with pytest.raises(framnn.Error) as e:
        framnn.schedule("uniform:8", 2, hw_model=str(hw))
    assert str(e.value) == want
