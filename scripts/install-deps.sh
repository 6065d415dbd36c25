#!/usr/bin/env bash
# Installs every Debian package FramNN needs to build, test and run its demo.
# Idempotent: apt-get skips what is already installed.
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
PKGS=(
  build-essential cmake ninja-build git clang-22 libclang-rt-22-dev
  llvm-22-dev llvm-22-tools libmlir-22-dev mlir-22-tools
  libonnx-dev libprotobuf-dev protobuf-compiler
  libcli11-dev nlohmann-json3-dev libfmt-dev zlib1g-dev
  libopenmpi-dev openmpi-bin
  libgtest-dev libbenchmark-dev libopenblas-dev libomp-dev
  dataset-fashion-mnist libonnx-testdata
  python3 python3-numpy python3-onnx python3-torch python3-torchvision
  python3-pytest python3-dev pybind11-dev python3-sklearn python3-matplotlib
)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
