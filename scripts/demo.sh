#!/usr/bin/env bash
# Installs the Debian packages, builds FramNN into build/ and runs the demo.
# Output files go to out/demo/ (FRAMNN_DEMO_DIR to change it).
set -euo pipefail
# shellcheck source=build.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/build.sh"

framnn_build

# ============================================================================
# MAIN JOB
# The paper's experiment in small: the paper's MLP (784-512-512-10, ReLU,
# dropout 0.5 on the hidden layers), generated with PyTorch and checked after
# an ONNX round trip through FramNN, trained on Fashion-MNIST twice with
# framnn train -- framnn mode on the optimal schedule over m = 4, 8, 12, 15
# (a 16-bit multiplier last) and exact training -- then a side-by-side
# summary (test accuracy, modelled EDP gain, wall time), an onnx.checker
# check and framnn eval of the trained model, and LeNet-5 inference at
# several multiplier widths. A few minutes on 2 cores; the sizes are knobs:
#   FRAMNN_DEMO_EPOCHS (5), FRAMNN_DEMO_TRAIN_SAMPLES (20000).
# ============================================================================
demo_main() {
  local out="${FRAMNN_DEMO_DIR:-$FRAMNN_ROOT/out/demo}"
  local bin="$FRAMNN_BUILD_DIR/bin"
  local zoo=(env PYTHONPATH="$FRAMNN_ROOT/python" "$FRAMNN_PYTHON" -m framnn_models)
  local epochs="${FRAMNN_DEMO_EPOCHS:-5}"
  local samples="${FRAMNN_DEMO_TRAIN_SAMPLES:-20000}"
  local schedule="optimal:4,8,12,15"
  mkdir -p "$out"

  framnn_log "The paper's MLP with PyTorch (opset 13, dynamic batch) -> $out/mlp.onnx"
  "${zoo[@]}" gen --out "$out" mlp
  "$bin/framnn-translate" --import-onnx "$out/mlp.onnx" -o "$out/mlp.mlir"
  "${zoo[@]}" summary --title "mlp ($out/mlp.mlir)" "$out/mlp.mlir"
  "$bin/framnn-translate" --export-onnx "$out/mlp.mlir" -o "$out/mlp.export.onnx"
  # Parameters bit for bit, signature, and outputs (NumPy) against torch.
  "${zoo[@]}" check mlp "$out/mlp.export.onnx" | sed 's/^/  /'

  framnn_log "The precision schedule: $schedule over $epochs epochs"
  "$bin/framnn" schedule --epochs "$epochs" --policy "$schedule"

  # Same data, seed, batches and hyper-parameters for both runs.
  local common=(--dataset fashion-mnist --train-samples "$samples"
                --epochs "$epochs" --batch 64 --lr 0.01 --momentum 0.9
                --dropout 0.5 --seed 1)
  framnn_log "framnn train, framnn mode, schedule $schedule"
  "$bin/framnn" train "$out/mlp.onnx" "${common[@]}" --mode framnn \
      --schedule "$schedule" --log "$out/framnn.jsonl" -o "$out/mlp.framnn.onnx"
  framnn_log "framnn train, exact"
  "$bin/framnn" train "$out/mlp.onnx" "${common[@]}" --mode exact \
      --log "$out/exact.jsonl" -o "$out/mlp.exact.onnx"

  framnn_log "Side by side (energy and EDP are modelled by the hardware model, not measured)"
  "$FRAMNN_PYTHON" - "$out/framnn.jsonl" "$out/exact.jsonl" <<'PY'
import json, sys
runs = [json.loads(open(p).readlines()[-1])["summary"] for p in sys.argv[1:]]
rows = [("mode", lambda s: s["mode"]),
        ("schedule (m per epoch)", lambda s: " ".join(map(str, s["schedule"]["mantissa_bits"]))),
        ("test acc at the final m", lambda s: "%.4f (m=%d)" % (s["test_acc_final_m"], s["final_m"])),
        ("test acc at m=23 (exact)", lambda s: "%.4f" % s["test_acc_exact"]),
        ("modelled energy vs exact", lambda s: "%.3f" % s["modelled_energy"]),
        ("modelled EDP gain", lambda s: "%.2fx" % s["modelled_edp_gain"]),
        ("wall time", lambda s: "%.0f s" % s["wall_seconds"])]
for name, get in rows:
    print("  %-26s %-22s %s" % (name, get(runs[0]), get(runs[1])))
PY

  framnn_log "The trained model: onnx.checker, then framnn eval at m = 15 on the whole test set"
  "$FRAMNN_PYTHON" -c 'import onnx, sys; m = onnx.load(sys.argv[1]); onnx.checker.check_model(m, full_check=True); print("  onnx.checker: valid; " + ", ".join(p.key + "=" + p.value for p in m.metadata_props if p.key != "framnn.schedule"))' "$out/mlp.framnn.onnx"
  "$bin/framnn" eval "$out/mlp.framnn.onnx" --dataset fashion-mnist --mantissa-bits 15 | sed 's/^/  /'

  framnn_log "Inference on the approximate multiplier: LeNet-5 with framnn run"
  "${zoo[@]}" gen --out "$out" --reference lenet5 > /dev/null
  local bits
  for bits in 23 8 4 0; do
    "$bin/framnn" run "$out/lenet5.onnx" --input "$out/lenet5.input.npy" \
        --mantissa-bits "$bits" -o "$out/lenet5.m$bits.npy"
    "$FRAMNN_PYTHON" -c 'import numpy as np, sys
y, ref = np.load(sys.argv[1]), np.load(sys.argv[2])
print("  m = %2s: max |logit - torch logit| = %.3g" % (sys.argv[3], np.abs(y - ref).max()))' \
        "$out/lenet5.m$bits.npy" "$out/lenet5.output.npy" "$bits"
  done
  framnn_log "Demo done; files in $out"
}
# ============================================================================

demo_main "$@"
