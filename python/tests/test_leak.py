"""No growth of the resident set over repeated runs and compiles."""
import gc

import numpy as np

import framnn


def rss_kib():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise AssertionError("no VmRSS")


def test_repeated_run_does_not_leak(lenet5):
    net = lenet5.compile(mantissa_bits=8)
    x = np.random.default_rng(0).random((8, 1, 28, 28), dtype=np.float32)
    for _ in range(20):          # warm up allocators and caches
        net(x)
    gc.collect()
    before = rss_kib()
    for _ in range(200):
        y = net(x)
    del y
    gc.collect()
    growth = rss_kib() - before
    # 200 outputs of 8x10 floats would be ~62 KiB if leaked; intermediate
    # buffers of LeNet-5 (~200 KiB a run) would be ~40 MiB. Allow 4 MiB of
    # allocator noise.
    assert growth < 4096, f"RSS grew by {growth} KiB over 200 runs"


def test_repeated_errors_do_not_leak(lenet5):
    net = lenet5.compile()
    bad = np.zeros((2, 3), np.float32)
    gc.collect()
    before = rss_kib()
    for _ in range(200):
        try:
            net(bad)
        except framnn.Error:
            pass
    gc.collect()
    assert rss_kib() - before < 4096


def test_repeated_compile_does_not_leak(mlp):
    # Each compile owns an MLIRContext and a JIT'd module, freed with the
    # CompiledModel. Measured: ~0.1 KiB a compile; a leaked module would be
    # hundreds of KiB each.
    x = np.random.default_rng(0).random((2, 784), dtype=np.float32)
    for _ in range(3):
        mlp.compile(mantissa_bits=8)(x)
    gc.collect()
    before = rss_kib()
    for _ in range(20):
        mlp.compile(mantissa_bits=8)(x)
    gc.collect()
    growth = rss_kib() - before
    assert growth < 4096, f"RSS grew by {growth} KiB over 20 compiles"
