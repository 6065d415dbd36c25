"""The numpy side of the FramNNSupport interop tests.

numpy_interop.py write DIR [--fashion FASHION_DIR]
    Writes .npy/.npz files with numpy itself (np.save, np.savez,
    np.savez_compressed, format.write_array) for NumpyInteropTest.cpp to
    read, plus what numpy computes from the Fashion-MNIST files.
numpy_interop.py check WRITER DIR
    Runs `WRITER DIR` (framnn-support-write-samples) and checks every file
    it wrote with numpy.

Sample values follow the formulas of Samples.h; NPY_CASES and NPZ_ARRAYS
mirror npyCases() and sampleArchive() there.
"""
import argparse
import gzip
import os
import struct
import subprocess
import sys
import zipfile

import numpy as np

NPY_CASES = [('f4', (2, 3)), ('f4', (3, 784)), ('f4', ()), ('f4', (0, 3)),
             ('f8', (5,)), ('i4', (4,)), ('i8', (7,)), ('i8', ()),
             ('u1', (3, 4, 4))]
NPZ_ARRAYS = [('w1', 'f4', (16, 8)), ('b1', 'f8', (8,)),
              ('labels', 'i8', (5,)), ('counts', 'i4', (2, 2)),
              ('pixels', 'u1', (3, 4, 4)), ('scalar', 'f4', ()),
              ('grad/layer.0', 'f4', (0, 3))]


def sample(code, shape):
    i = np.arange(int(np.prod(shape, dtype=np.int64)), dtype=np.int64)
    values = {
        'f4': lambda: ((i * 37 % 101) / 8.0 - 6.0).astype(np.float32),
        'f8': lambda: i / 3.0,
        'i4': lambda: (3 - 7 * i).astype(np.int32),
        'i8': lambda: i * 1000003 - 5000000000,
        'u1': lambda: ((i * 7 + 3) % 256).astype(np.uint8),
    }[code]()
    return values.reshape(shape)


def special_floats():
    f = np.finfo(np.float32)
    return np.array([0.0, -0.0, np.inf, -np.inf, np.nan, f.smallest_subnormal,
                     f.max], dtype=np.float32)


def case_name(code, shape):
    return code + '_' + ('x'.join(map(str, shape)) if shape else 'scalar')


def sample_arrays():
    return {name: sample(code, shape) for name, code, shape in NPZ_ARRAYS}


def read_idx_gz(path):
    """Independent IDX reader: gzip module + struct + np.frombuffer."""
    with gzip.open(path, 'rb') as f:
        data = f.read()
    assert data[:3] == b'\0\0\x08', path
    rank = data[3]
    dims = struct.unpack('>%dI' % rank, data[4:4 + 4 * rank])
    return np.frombuffer(data, np.uint8, offset=4 + 4 * rank).reshape(dims)


def write_fashion(fashion_dir, out):
    train_x = read_idx_gz(os.path.join(fashion_dir, 'train-images-idx3-ubyte.gz'))
    train_y = read_idx_gz(os.path.join(fashion_dir, 'train-labels-idx1-ubyte.gz'))
    test_x = read_idx_gz(os.path.join(fashion_dir, 't10k-images-idx3-ubyte.gz'))
    test_y = read_idx_gz(os.path.join(fashion_dir, 't10k-labels-idx1-ubyte.gz'))
    weights = np.arange(1, 28 * 28 + 1, dtype=np.int64).reshape(28, 28)
    facts = {
        'train_count': len(train_x), 'test_count': len(test_x),
        'rows': train_x.shape[1], 'cols': train_x.shape[2],
        'train_first_sum': int(train_x[0].astype(np.int64).sum()),
        'train_first_weighted': int((train_x[0] * weights).sum()),
        'train_first_label': int(train_y[0]),
        'train_last_label': int(train_y[-1]),
        'train_pixel_sum': int(train_x.astype(np.int64).sum()),
        'test_first_sum': int(test_x[0].astype(np.int64).sum()),
        'test_first_weighted': int((test_x[0] * weights).sum()),
        'test_first_label': int(test_y[0]),
    }
    for c, n in enumerate(np.bincount(train_y, minlength=10)):
        facts['train_label_count_%d' % c] = int(n)
    with open(os.path.join(out, 'fashion_expected.txt'), 'w') as f:
        for key, value in facts.items():
            f.write('%s %d\n' % (key, value))
    np.save(os.path.join(out, 'fashion_first_train.npy'),
            (train_x[0] / 255.0).astype(np.float32))
    np.save(os.path.join(out, 'fashion_first_test.npy'),
            (test_x[0] / 255.0).astype(np.float32))


def write(args):
    out = args.dir
    os.makedirs(out, exist_ok=True)
    path = lambda name: os.path.join(out, name)
    for code, shape in NPY_CASES:
        np.save(path('np_%s.npy' % case_name(code, shape)), sample(code, shape))
    np.save(path('np_special.npy'), special_floats())
    for version in [(2, 0), (3, 0)]:
        with open(path('np_v%d.npy' % version[0]), 'wb') as f:
            np.lib.format.write_array(f, sample('f4', (2, 3)), version=version)
    # Files numpy can write but FramNNSupport must reject clearly.
    np.save(path('np_fortran.npy'), np.asfortranarray(sample('f4', (2, 3))))
    np.save(path('np_float16.npy'), sample('f4', (4,)).astype(np.float16))
    np.save(path('np_bigendian.npy'), sample('f4', (4,)).astype('>f4'))
    np.save(path('np_structured.npy'),
            np.zeros(3, dtype=[('a', '<f4'), ('b', '<i4')]))
    np.save(path('np_truncated.npy'), sample('f4', (3, 784)))
    with open(path('np_truncated.npy'), 'r+b') as f:
        f.truncate(128 + 1200)

    np.savez(path('np_savez.npz'), **sample_arrays())
    np.savez_compressed(path('np_savez_compressed.npz'), **sample_arrays())
    np.savez(path('np_savez_positional.npz'), sample('f4', (2, 3)),
             sample('i8', (7,)))
    labels = lambda n: (np.arange(n) * 3 % 10).astype(np.int64)
    np.savez_compressed(path('np_dataset.npz'),
                        x_train=sample('u1', (6, 28, 28)), y_train=labels(6),
                        x_test=sample('u1', (2, 28, 28)), y_test=labels(2))
    if args.fashion and os.path.isdir(args.fashion):
        write_fashion(args.fashion, out)
    elif os.path.exists(path('fashion_expected.txt')):
        os.remove(path('fashion_expected.txt'))  # Stale: the tests skip.


def check_same(actual, expected, what):
    assert actual.dtype == expected.dtype, \
        '%s: dtype %s, expected %s' % (what, actual.dtype, expected.dtype)
    assert actual.shape == expected.shape, \
        '%s: shape %s, expected %s' % (what, actual.shape, expected.shape)
    # Bytes, not values: NaN and -0.0 must survive exactly.
    assert actual.tobytes() == expected.tobytes(), '%s: values differ' % what


def check_npy(path, expected):
    with open(path, 'rb') as f:
        assert np.lib.format.read_magic(f) == (1, 0), path + ': not NPY 1.0'
        np.lib.format.read_array_header_1_0(f)
        assert f.tell() % 64 == 0, path + ': data not 64-byte aligned'
    check_same(np.load(path), expected, path)


def check(args):
    out = args.dir
    os.makedirs(out, exist_ok=True)
    subprocess.run([args.writer, out], check=True)
    path = lambda name: os.path.join(out, name)
    for code, shape in NPY_CASES:
        check_npy(path('cpp_%s.npy' % case_name(code, shape)),
                  sample(code, shape))
    check_npy(path('cpp_special.npy'), special_floats())
    expected = sample_arrays()
    for name, method in [('cpp_stored.npz', zipfile.ZIP_STORED),
                         ('cpp_deflate.npz', zipfile.ZIP_DEFLATED)]:
        with zipfile.ZipFile(path(name)) as z:
            assert z.testzip() is None, name + ': bad CRC'
            assert [i.filename for i in z.infolist()] == \
                [k + '.npy' for k in expected], name
            assert all(i.compress_type == method for i in z.infolist()), name
        with np.load(path(name)) as npz:
            assert list(npz.files) == list(expected), \
                '%s: keys %s' % (name, npz.files)
            for key, value in expected.items():
                check_same(npz[key], value, '%s[%s]' % (name, key))
    print('numpy read every file framnn-support-write-samples wrote')


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    sub = parser.add_subparsers(dest='command', required=True)
    w = sub.add_parser('write')
    w.add_argument('dir')
    w.add_argument('--fashion')
    c = sub.add_parser('check')
    c.add_argument('writer')
    c.add_argument('dir')
    args = parser.parse_args()
    {'write': write, 'check': check}[args.command](args)


if __name__ == '__main__':
    sys.exit(main())
