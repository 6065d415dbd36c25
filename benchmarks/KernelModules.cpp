//===- KernelModules.cpp - MLIR text of the benchmarked kernels -----------===//
#include "KernelModules.h"

#include <sstream>

using namespace framnn::bench;

static std::string tensorType(std::initializer_list<int64_t> dims) {
  std::ostringstream os;
  os << "tensor<";
  for (int64_t d : dims)
    os << d << "x";
  os << "f32>";
  return os.str();
}

/// `@kernel(lhs, rhs) -> result` around one approx contraction `op` whose
/// accumulator starts at zero.
static std::string contractionModule(const std::string &op, int mantissaBits,
                                     const std::string &attrs,
                                     const std::string &lhs,
                                     const std::string &rhs,
                                     const std::string &result) {
  std::ostringstream os;
  os << "func.func @kernel(%a: " << lhs << ", %b: " << rhs << ") -> "
     << result << " {\n"
     << "  %zero = arith.constant 0.0 : f32\n"
     << "  %e = tensor.empty() : " << result << "\n"
     << "  %c = linalg.fill ins(%zero : f32) outs(%e : " << result << ") -> "
     << result << "\n"
     << "  %r = " << op << " #approx.precision<" << mantissaBits
     << "> %a, %b, %c " << attrs << ": " << lhs << ", " << rhs << " -> "
     << result << "\n"
     << "  return %r : " << result << "\n}\n";
  return os.str();
}

std::string framnn::bench::gemmModule(const GemmShape &s, int mantissaBits) {
  return contractionModule("approx.matmul", mantissaBits, "",
                           tensorType({s.m, s.k}), tensorType({s.k, s.n}),
                           tensorType({s.m, s.n}));
}

std::string framnn::bench::convModule(const ConvShape &s, int mantissaBits) {
  return contractionModule(
      "approx.conv2d", mantissaBits, "",
      tensorType({s.n, s.c, s.h, s.w}), tensorType({s.f, s.c, s.kh, s.kw}),
      tensorType({s.n, s.f, s.oh(), s.ow()}));
}
