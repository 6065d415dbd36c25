"""The command line shared by the scripts that lower IR with framnn-opt and
run it with mlir-runner (check_bits.py, check_stochastic.py)."""
import argparse


def parse_runner_args():
    ap = argparse.ArgumentParser()
    ap.add_argument("--framnn-opt", required=True)
    ap.add_argument("--runner", required=True)
    ap.add_argument("--runner-utils", required=True)
    return ap.parse_args()
