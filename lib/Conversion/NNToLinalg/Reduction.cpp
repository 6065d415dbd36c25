//===- Reduction.cpp - nn ReduceSum, ReduceMean and ReduceMax -------------===//
//
// One reduction (reduceDims) over the sorted axes, without keepdims, then
// tensor.expand_shape for keepdims (toResultType). The sums start from
// -0.0, the additive identity (a sum of -0.0 stays -0.0, as in NumPy); the
// mean divides the sum by the element count once.
//
//===----------------------------------------------------------------------===//
#include "Common.h"

#include <limits>

using namespace mlir;
using namespace framnn;
using namespace framnn::nnlowering;

namespace {

enum class Reduction { Sum, Mean, Max };

template <typename OpT, Reduction kind>
struct ReduceLowering : OpRewritePattern<OpT> {
  using OpRewritePattern<OpT>::OpRewritePattern;
  LogicalResult matchAndRewrite(OpT op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = op.getInput();
    int64_t rank = cast<RankedTensorType>(x.getType()).getRank();
    SmallVector<int64_t> axes = reducedAxes(op.getAxes(), rank);
    Value reduced;
    if constexpr (kind == Reduction::Max) {
      reduced = reduceDims(rewriter, loc, x, axes,
                           -std::numeric_limits<double>::infinity(),
                           [](OpBuilder &b, Location l, ValueRange a) -> Value {
                             return arith::MaximumFOp::create(b, l, a[0], a[1]);
                           });
    } else {
      reduced = reduceDims(rewriter, loc, x, axes, -0.0,
                           [](OpBuilder &b, Location l, ValueRange a) -> Value {
                             return arith::AddFOp::create(b, l, a[0], a[1]);
                           });
    }
    if constexpr (kind == Reduction::Mean) {
      Value count = countF32(rewriter, loc, x, axes);
      auto sumType = cast<RankedTensorType>(reduced.getType());
      reduced = buildElementwise(
          rewriter, loc, sumType, reduced, ValueRange{reduced},
          {rewriter.getMultiDimIdentityMap(sumType.getRank())},
          [&](OpBuilder &b, Location l, ValueRange a) -> Value {
            return arith::DivFOp::create(b, l, a[0], count);
          });
    }
    // The written result type may be more static than the input's.
    rewriter.replaceOp(op, toResultType(rewriter, loc, reduced,
                                        cast<RankedTensorType>(op.getType()),
                                        axes, rank, op.getKeepdims()));
    return success();
  }
};

} // namespace

void nnlowering::populateReductionPatterns(RewritePatternSet &patterns) {
  patterns.add<ReduceLowering<nn::ReduceSumOp, Reduction::Sum>,
               ReduceLowering<nn::ReduceMeanOp, Reduction::Mean>,
               ReduceLowering<nn::ReduceMaxOp, Reduction::Max>>(
      patterns.getContext());
}
