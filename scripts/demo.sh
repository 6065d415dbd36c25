#!/usr/bin/env bash
# Installs the Debian packages, builds FramNN into build/ and runs the demo.
# Output files go to out/demo/ (FRAMNN_DEMO_DIR to change it).
set -euo pipefail
# shellcheck source=build.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/build.sh"

framnn_build

# ============================================================================
# MAIN JOB
# For now: generate the paper's MLP and LeNet-5 with PyTorch, import them
# with framnn-translate, summarise the nn IR, export back to ONNX and check
# the result with onnx.checker (and against the torch parameters/outputs);
# then run LeNet-5 with framnn run at several multiplier widths.
# ============================================================================
demo_main() {
  local out="${FRAMNN_DEMO_DIR:-$FRAMNN_ROOT/out/demo}"
  local bin="$FRAMNN_BUILD_DIR/bin"
  local models=(mlp lenet5)
  local zoo=(env PYTHONPATH="$FRAMNN_ROOT/python" "$FRAMNN_PYTHON" -m framnn_models)
  mkdir -p "$out"

  framnn_log "Generate ${models[*]} with PyTorch (opset 13, dynamic batch) -> $out"
  "${zoo[@]}" gen --out "$out" "${models[@]}"

  local m
  for m in "${models[@]}"; do
    framnn_log "$m: import, summarise, export, check"
    "$bin/framnn-translate" --import-onnx "$out/$m.onnx" -o "$out/$m.mlir"
    "$bin/framnn-opt" "$out/$m.mlir" -o /dev/null   # verifies
    "${zoo[@]}" summary --title "$m ($out/$m.mlir)" "$out/$m.mlir"
    "$bin/framnn-translate" --export-onnx "$out/$m.mlir" -o "$out/$m.export.onnx"
    "$FRAMNN_PYTHON" -c 'import onnx, sys; onnx.checker.check_model(onnx.load(sys.argv[1]), full_check=True); print("  onnx.checker: " + sys.argv[1] + " is valid")' "$out/$m.export.onnx"
    # Parameters bit for bit, signature, and outputs (NumPy) against torch.
    "${zoo[@]}" check "$m" "$out/$m.export.onnx" | sed 's/^/  /'
  done

  framnn_log "Inference on the approximate multiplier: LeNet-5 with framnn run"
  "${zoo[@]}" gen --out "$out" --reference lenet5 > /dev/null
  local bits
  for bits in 23 12 8 4 0; do
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
