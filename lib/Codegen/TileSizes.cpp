//===- TileSizes.cpp - tile sizes for tile-and-vectorize ------------------===//
#include "TileSizes.h"
#include "BF16Contractions.h"

#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "llvm/ADT/bit.h"
#include "llvm/TargetParser/Host.h"

using namespace mlir;
using namespace framnn::codegen;

/// The loop that runs along the innermost output dimension of more than one
/// element (contiguous in memory), else the innermost such loop.
static int64_t innermostVectorLoop(linalg::LinalgOp op,
                                   ArrayRef<int64_t> ranges) {
  AffineMap out = op.getMatchingIndexingMap(op.getDpsInitOperand(0));
  for (AffineExpr e : llvm::reverse(out.getResults()))
    if (auto dim = dyn_cast<AffineDimExpr>(e))
      if (ranges[dim.getPosition()] > 1)
        return dim.getPosition();
  for (int64_t d = ranges.size() - 1; d >= 0; --d)
    if (ranges[d] > 1)
      return d;
  return -1;
}

/// The loop along an input's innermost (contiguous) dimension when that is
/// not `inner`, the loop the output is vectorized along; -1 if every input
/// is read along `inner` (or broadcast).
static int64_t transposedInputLoop(linalg::LinalgOp op,
                                   ArrayRef<int64_t> ranges, int64_t inner) {
  for (OpOperand *input : op.getDpsInputOperands()) {
    AffineMap map = op.getMatchingIndexingMap(input);
    if (map.getNumResults() < 2)
      continue;
    auto last = dyn_cast<AffineDimExpr>(map.getResults().back());
    if (!last || last.getPosition() == inner ||
        ranges[last.getPosition()] <= 1)
      continue;
    // Only a true transpose: the input is also indexed by `inner`.
    if (map.isFunctionOfDim(inner))
      return last.getPosition();
  }
  return -1;
}

RegisterBlock framnn::codegen::hostRegisterBlock() {
  static const bool hasAVX512 = llvm::sys::getHostCPUFeatures().lookup("avx512f");
  return hasAVX512 ? RegisterBlock{8, 32} : RegisterBlock{6, 16};
}

RegisterBlock framnn::codegen::hostPairRegisterBlock() {
  RegisterBlock block = hostRegisterBlock();
  return {block.columns == 32 ? 16 : block.rows, kPairColumns};
}

FailureOr<SmallVector<int64_t>>
framnn::codegen::chooseTileSizes(linalg::LinalgOp op,
                                 const TileSizeOptions &options) {
  if (!op.hasPureTensorSemantics() || op.getNumDpsInits() == 0)
    return failure();
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  if (llvm::any_of(ranges, [](int64_t r) {
        return r == 0 || ShapedType::isDynamic(r);
      }))
    return failure();

  // Every loop is tiled by 1 unless chosen below; a tile as large as its
  // loop means "not tiled" (0).
  SmallVector<int64_t> tiles(ranges.size(), 1);
  auto setTile = [&](int64_t loop, int64_t tile) { tiles[loop] = tile; };
  auto finish = [&]() {
    for (auto [tile, range] : llvm::zip(tiles, ranges))
      if (tile >= range)
        tile = 0;
    return tiles;
  };

  // Windowed ops: one output row, one filter row per tile; the 2-D op then
  // decomposes into the 1-D form linalg's convolution vectorizer handles.
  if (isa<linalg::Conv2DNchwFchwOp>(op)) { // (n, f, oh, ow, c, kh, kw)
    setTile(1, options.fTile);
    setTile(3, options.wTile);
    setTile(4, options.cTile);
    setTile(6, ranges[6]);
    return finish();
  }
  if (isa<linalg::PoolingNchwMaxOp, linalg::PoolingNchwSumOp>(op)) {
    // (n, c, oh, ow, kh, kw)
    setTile(1, options.fTile);
    setTile(3, options.wTile);
    setTile(5, ranges[5]);
    return finish();
  }
  if (failed(linalg::vectorizeOpPrecondition(op)))
    return failure();

  // Contractions: an m x n register block, a reduction step of 1 (one outer
  // product of FMAs per step).
  if (linalg::isaContractionOpInterface(op)) {
    FailureOr<linalg::ContractionDimensions> dims =
        linalg::inferContractionDims(op);
    if (succeeded(dims)) {
      bool pairs = isPairContraction(op, *dims);
      if (!dims->m.empty())
        setTile(dims->m.back(), pairs ? options.pairRows : options.mTile);
      if (!dims->n.empty()) {
        int64_t n = dims->n.back(),
                tile = pairs ? kPairColumns : options.nTile;
        // Fewer columns than a block: the largest power of two that fits
        // (10 classes: 8 + a peeled 2). The FMA rows of a vector<10xf32>
        // block were split by LLVM into elements moved through the stack
        // (4x slower).
        if (ranges[n] < tile)
          tile = int64_t(llvm::bit_floor(uint64_t(ranges[n])));
        setTile(n, tile);
      }
      // The pair is one dot-product step.
      if (pairs)
        for (unsigned d : llvm::drop_begin(dims->k))
          setTile(d, ranges[d]);
      return finish();
    }
  }

  int64_t inner = innermostVectorLoop(op, ranges);
  if (inner < 0)
    return finish();
  // A transposing read (an input whose contiguous dimension is another
  // loop): square tiles, so that the tile is read row by row and
  // transposed in registers instead of gathered element by element.
  int64_t across = transposedInputLoop(op, ranges, inner);
  if (across >= 0) {
    setTile(inner, options.transposeTile);
    setTile(across, options.transposeTile);
    return finish();
  }
  setTile(inner, options.vectorWidth);
  return finish();
}
