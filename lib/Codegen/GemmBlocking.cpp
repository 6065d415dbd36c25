//===- GemmBlocking.cpp - loop order and packing layout of GEMMs ----------===//
#include "GemmBlocking.h"

#include "llvm/ADT/STLExtras.h"

using namespace mlir;

SmallVector<int64_t>
framnn::codegen::registerBlockLoopOrder(linalg::LinalgOp op) {
  if (!linalg::isaContractionOpInterface(op))
    return {};
  FailureOr<linalg::ContractionDimensions> dims =
      linalg::inferContractionDims(op);
  if (failed(dims) || dims->m.size() != 1 || dims->n.size() != 1)
    return {};
  auto order = llvm::to_vector(llvm::seq<int64_t>(0, op.getNumLoops()));
  unsigned m = dims->m[0], n = dims->n[0];
  if (m < n)
    std::swap(order[m], order[n]);
  return order;
}

int64_t framnn::codegen::paddedPackingRow(int64_t columns,
                                          int64_t elementBytes) {
  constexpr int64_t kLineBytes = 64;
  int64_t bytes = columns * elementBytes;
  if (bytes % (2 * kLineBytes) != 0)
    return columns;
  return columns + kLineBytes / elementBytes;
}
