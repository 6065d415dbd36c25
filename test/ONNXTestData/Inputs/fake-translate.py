#!/usr/bin/python3
"""A misbehaving stand-in for framnn-translate, for census-selftest.test:
each listed backend-test model gets a different kind of bad (or good)
behaviour, so the test can check that the census classifies each one."""
import os
import signal
import sys
import time

path = sys.argv[-1]
name = os.path.basename(os.path.dirname(path))
if name == "test_sigmoid":          # a good import
    print("module {\n}")
elif name == "test_tanh":           # an honest refusal of a plain model
    print(f"{path}: error: unsupported data type for this test", file=sys.stderr)
    sys.exit(1)
elif name == "test_acos":           # an honest refusal: op not in the list
    print(f"{path}: error: unsupported operator 'Acos'", file=sys.stderr)
    sys.exit(1)
elif name == "test_relu":           # unjustified refusal of a supported op
    print(f"{path}: error: unsupported operator 'Relu'", file=sys.stderr)
    sys.exit(1)
elif name == "test_abs":            # a crash
    os.kill(os.getpid(), signal.SIGSEGV)
elif name == "test_add":            # two stderr lines
    print("error: unsupported thing\n  while importing", file=sys.stderr)
    sys.exit(1)
elif name == "test_sub":            # exit 0 with output that does not parse
    print("module { this is not mlir")
elif name == "test_mul":            # an error that is not a refusal
    print("error: something broke", file=sys.stderr)
    sys.exit(1)
elif name == "test_exp":            # a hang
    time.sleep(60)
else:
    print("error: unexpected model for the fake", file=sys.stderr)
    sys.exit(1)
