//===- WriteSamples.cpp - sample files for numpy to check -----------------===//
//
// Usage: framnn-support-write-samples DIR
// Writes cpp_<case>.npy for every npyCases() entry, cpp_special.npy, and
// cpp_stored.npz / cpp_deflate.npz holding sampleArchive(); run by
// numpy_interop.py, which loads them with numpy and checks every value.
//
//===----------------------------------------------------------------------===//
#include "Samples.h"

#include <cstdio>

using namespace framnn;
using namespace framnn::test;

static bool report(const Status &status) {
  if (!status)
    std::fprintf(stderr, "error: %s\n", status.message().c_str());
  return status.ok();
}

int main(int argc, char **argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s DIR\n", argv[0]);
    return 2;
  }
  std::string dir = argv[1];
  bool ok = true;
  for (const auto &[type, shape] : npyCases())
    ok &= report(writeNpy(dir + "/cpp_" + caseName(type, shape) + ".npy",
                          sample(type, shape)));
  ok &= report(writeNpy(dir + "/cpp_special.npy", specialFloats()));
  ok &= report(writeNpz(dir + "/cpp_stored.npz", sampleArchive(),
                        ZipCompression::Stored));
  ok &= report(writeNpz(dir + "/cpp_deflate.npz", sampleArchive(),
                        ZipCompression::Deflate));
  return ok ? 0 : 1;
}
