"""Model.compile's cache= and threads= defaults: a compilation the cache
serves generates no code and computes the same bits as one without the
cache (cache=False), which neither reads nor writes it; threads defaults to
the CPUs the process may run on."""
import os

import numpy as np

from framnn import _framnn


def test_cache_hit_skips_codegen_and_keeps_bits(mlp, rng):
    x = rng.random((3, 784), dtype=np.float32)
    before = _framnn.compile_cache_stats()
    cold = mlp.compile(mantissa_bits=5, cache=False)(x)
    after = _framnn.compile_cache_stats()
    assert after["code_generations"] == before["code_generations"] + 1
    assert (after["hits"], after["misses"], after["stored"]) == (
        before["hits"], before["misses"], before["stored"])

    first = mlp.compile(mantissa_bits=5, batch=3)(x)  # a hit or a miss
    before = _framnn.compile_cache_stats()
    warm = mlp.compile(mantissa_bits=5, batch=3)(x)
    after = _framnn.compile_cache_stats()
    assert after["hits"] == before["hits"] + 1
    assert after["code_generations"] == before["code_generations"]
    np.testing.assert_array_equal(first, cold)
    np.testing.assert_array_equal(warm, cold)


def test_threads_default_to_available_cpus(mlp):
    net = mlp.compile()
    assert net.threads == len(os.sched_getaffinity(0))
    assert mlp.compile(threads=1).threads == 1
