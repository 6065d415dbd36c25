//===- AccumulateFromZero.cpp - register blocks summed from zero ----------===//
#include "AccumulateFromZero.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;

/// Whether the loop-carried value `arg` only flows through the accumulator
/// operands of vector.fma ops into the yield at `index`.
static bool isFmaChain(BlockArgument arg, scf::ForOp loop, unsigned index) {
  Value value = arg;
  while (value.hasOneUse()) {
    OpOperand &use = *value.getUses().begin();
    if (auto fma = dyn_cast<vector::FMAOp>(use.getOwner());
        fma && use.getOperandNumber() == 2) {
      value = fma.getResult();
      continue;
    }
    return isa<scf::YieldOp>(use.getOwner()) &&
           use.getOwner()->getParentOp() == loop.getOperation() &&
           use.getOperandNumber() == index && value != arg;
  }
  return false;
}

/// The store of `result` back to where `load` read it, or null.
static vector::StoreOp storeBack(Value result, vector::LoadOp load) {
  if (!result.hasOneUse())
    return {};
  auto store = dyn_cast<vector::StoreOp>(*result.getUsers().begin());
  if (!store || store.getBase() != load.getBase() ||
      store.getIndices() != load.getIndices() ||
      store->getBlock() != load->getBlock())
    return {};
  return store;
}

/// Prefetches (for writing) every cache line of the vector at `load`.
static void prefetchLines(RewriterBase &rewriter, vector::LoadOp load) {
  auto type = load.getVectorType();
  int64_t lanes = type.getNumElements();
  int64_t laneBytes = type.getElementTypeBitWidth() / 8;
  int64_t perLine = std::max<int64_t>(64 / std::max<int64_t>(laneBytes, 1), 1);
  SmallVector<int64_t> offsets;
  for (int64_t offset = 0; offset < lanes; offset += perLine)
    offsets.push_back(offset);
  // The last lane too: the vector need not start on a line.
  if (offsets.back() != lanes - 1)
    offsets.push_back(lanes - 1);
  Location loc = load.getLoc();
  SmallVector<Value> indices(load.getIndices());
  Value last = indices.back();
  for (int64_t offset : offsets) {
    indices.back() =
        offset == 0 ? last
                    : arith::AddIOp::create(
                          rewriter, loc, last,
                          arith::ConstantIndexOp::create(rewriter, loc, offset));
    memref::PrefetchOp::create(rewriter, loc, load.getBase(), indices,
                               /*isWrite=*/true, /*localityHint=*/3,
                               /*isDataCache=*/true);
  }
}

void framnn::codegen::accumulateFromZero(func::FuncOp func) {
  IRRewriter rewriter(func.getContext());
  // One zero per vector type, at the function's entry.
  llvm::DenseMap<Type, Value> zeros;
  auto zeroOf = [&](VectorType type) {
    Value &zero = zeros[type];
    if (!zero) {
      OpBuilder::InsertionGuard guard(rewriter);
      rewriter.setInsertionPointToStart(&func.getBody().front());
      zero = arith::ConstantOp::create(rewriter, func.getLoc(), type,
                                       rewriter.getZeroAttr(type));
    }
    return zero;
  };
  func.walk([&](scf::ForOp loop) {
    for (auto [index, init] : llvm::enumerate(loop.getInitArgs())) {
      auto load = init.getDefiningOp<vector::LoadOp>();
      auto type = dyn_cast<VectorType>(init.getType());
      if (!load || !type || !isa<FloatType>(type.getElementType()) ||
          load->getBlock() != loop->getBlock() ||
          !isFmaChain(loop.getRegionIterArg(index), loop, index))
        continue;
      Value result = loop.getResult(index);
      vector::StoreOp store = storeBack(result, load);
      if (!store || !load->hasOneUse())
        continue;
      rewriter.setInsertionPoint(loop);
      prefetchLines(rewriter, load);
      loop.getInitArgsMutable()[index].set(zeroOf(type));
      // The loop does not write where the load reads (the hoisting that
      // made it an init value checked), so it may read after the loop.
      rewriter.moveOpBefore(load, store);
      rewriter.setInsertionPoint(store);
      Value sum = arith::AddFOp::create(rewriter, store.getLoc(), load,
                                        result);
      rewriter.modifyOpInPlace(store,
                               [&] { store.getValueToStoreMutable().set(sum); });
    }
  });
}
