//===- BF16Contractions.cpp - contractions of bf16-exact operands ---------===//
#include "BF16Contractions.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Matchers.h"
#include "llvm/TargetParser/Host.h"

using namespace mlir;
using namespace framnn::codegen;

bool framnn::codegen::hostHasBF16Dot() {
  static const bool has =
      llvm::sys::getHostCPUFeatures().lookup("avx512bf16");
  return has;
}

std::optional<BF16Dot> framnn::codegen::parseBF16Dot(llvm::StringRef text) {
  return llvm::StringSwitch<std::optional<BF16Dot>>(text)
      .Case("auto", BF16Dot::Auto)
      .Case("on", BF16Dot::On)
      .Case("emulate", BF16Dot::Emulate)
      .Case("off", BF16Dot::Off)
      .Default(std::nullopt);
}

/// Whether the i32 constant `mask` (a scalar or a splat) clears the low 16
/// bits of a binary32 pattern: the 16 bits a bfloat16 does not have.
static bool clearsLow16Bits(Value mask) {
  APInt bits;
  return matchPattern(mask, m_ConstantInt(&bits)) &&
         bits.getBitWidth() == 32 && bits.countr_zero() >= 16;
}

bool framnn::codegen::isExactlyBF16(Value value) {
  auto result = dyn_cast<OpResult>(value);
  auto generic =
      result ? dyn_cast<linalg::GenericOp>(result.getOwner()) : nullptr;
  if (!generic || !getElementTypeOrSelf(value.getType()).isF32() ||
      generic.getNumLoops() != generic.getNumParallelLoops())
    return false;
  // The mask of buildReducePrecision (ApproxToLinalg):
  //   select(isnan(x), x, bitcast(bits(x) [+ rounding bias] & mask))
  Value yielded = generic.getBody()->getTerminator()->getOperand(
      result.getResultNumber());
  auto select = yielded.getDefiningOp<arith::SelectOp>();
  if (!select)
    return false;
  auto isNan = select.getCondition().getDefiningOp<arith::CmpFOp>();
  if (!isNan || isNan.getPredicate() != arith::CmpFPredicate::UNO ||
      isNan.getLhs() != select.getTrueValue() ||
      isNan.getRhs() != select.getTrueValue())
    return false;
  auto reduced = select.getFalseValue().getDefiningOp<arith::BitcastOp>();
  auto masked =
      reduced ? reduced.getIn().getDefiningOp<arith::AndIOp>() : nullptr;
  return masked &&
         (clearsLow16Bits(masked.getLhs()) || clearsLow16Bits(masked.getRhs()));
}

/// The bfloat16 holding the bf16-exact binary32 `x`: its high 16 bits. A
/// NaN whose payload lies only in the low bits would read as an infinity
/// there, so NaNs get the quiet bit.
static Value buildToBF16(OpBuilder &b, Location loc, Value x) {
  Type i32 = b.getI32Type(), i16 = b.getI16Type();
  auto constant = [&](Type type, int64_t v) -> Value {
    return arith::ConstantOp::create(b, loc, IntegerAttr::get(type, v));
  };
  Value bits = arith::BitcastOp::create(b, loc, i32, x);
  Value high = arith::TruncIOp::create(
      b, loc, i16, arith::ShRUIOp::create(b, loc, bits, constant(i32, 16)));
  Value quiet = arith::OrIOp::create(b, loc, high, constant(i16, 0x40));
  Value isNan =
      arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNO, x, x);
  Value half = arith::SelectOp::create(b, loc, isNan, quiet, high);
  return arith::BitcastOp::create(b, loc, b.getBF16Type(), half);
}

namespace {
/// A contraction C[m, n] += A[.., k, ..] * B[.., k, ..] by its loops.
struct Contraction {
  linalg::LinalgOp op;
  unsigned m, n, k;
  int64_t mExtent, nExtent, kExtent;
  unsigned rowsInput; // the input indexed by m (the other one by n)
};
} // namespace

static std::optional<Contraction> matchBF16Contraction(linalg::LinalgOp op) {
  if (!op.hasPureTensorSemantics() || op.getNumDpsInputs() != 2 ||
      op.getNumDpsInits() != 1 || !linalg::isaContractionOpInterface(op))
    return std::nullopt;
  FailureOr<linalg::ContractionDimensions> dims =
      linalg::inferContractionDims(op);
  if (failed(dims) || !dims->batch.empty() || dims->m.size() != 1 ||
      dims->n.size() != 1 || dims->k.size() != 1)
    return std::nullopt;
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  if (llvm::any_of(ranges, ShapedType::isDynamic))
    return std::nullopt;
  Contraction c{op,          dims->m[0],         dims->n[0],
                dims->k[0],  ranges[dims->m[0]], ranges[dims->n[0]],
                ranges[dims->k[0]], 0};
  // Pairs of reduction steps: an odd extent would need a padded step.
  if (c.kExtent < 2 || c.kExtent % 2 != 0)
    return std::nullopt;
  Value init = op.getDpsInitOperand(0)->get();
  if (!getElementTypeOrSelf(init.getType()).isF32() ||
      !isExactlyBF16(op.getDpsInputOperand(0)->get()) ||
      !isExactlyBF16(op.getDpsInputOperand(1)->get()))
    return std::nullopt;
  c.rowsInput =
      op.getMatchingIndexingMap(op.getDpsInputOperand(0)).isFunctionOfDim(c.m)
          ? 0
          : 1;
  return c;
}

/// The input `input` of `c` as bf16 in VNNI layout: [R, K/2, 2] for the
/// rows input (R = M), [K/2, R, 2] for the other (R = N). The operand's k
/// dimension is first split into (K/2, 2) by a reshape, so that the pack is
/// a (transposing) elementwise op the vectorizer and the cache blocks take.
static Value buildPack(OpBuilder &b, Contraction c, unsigned input) {
  Location loc = c.op.getLoc();
  MLIRContext *ctx = b.getContext();
  OpOperand *operand = c.op.getDpsInputOperand(input);
  AffineMap map = c.op.getMatchingIndexingMap(operand);
  bool rows = input == c.rowsInput;
  int64_t extent = rows ? c.mExtent : c.nExtent;
  auto type = cast<RankedTensorType>(operand->get().getType());

  // Loops of the pack: (r, kk, p) for the rows input, (kk, r, p) else.
  AffineExpr r = getAffineDimExpr(rows ? 0 : 1, ctx);
  AffineExpr kk = getAffineDimExpr(rows ? 1 : 0, ctx);
  AffineExpr p = getAffineDimExpr(2, ctx);
  SmallVector<int64_t> shape;
  SmallVector<ReassociationIndices> groups;
  SmallVector<AffineExpr> reads;
  for (auto [pos, result] : llvm::enumerate(map.getResults())) {
    unsigned dim = cast<AffineDimExpr>(result).getPosition();
    if (dim == c.k) {
      groups.push_back({int64_t(shape.size()), int64_t(shape.size()) + 1});
      shape.append({c.kExtent / 2, 2});
      reads.append({kk, p});
    } else {
      groups.push_back({int64_t(shape.size())});
      shape.push_back(type.getDimSize(pos));
      reads.push_back(dim == (rows ? c.m : c.n)
                          ? r
                          : getAffineConstantExpr(0, ctx));
    }
  }
  Value split = tensor::ExpandShapeOp::create(
      b, loc, RankedTensorType::get(shape, type.getElementType()),
      operand->get(), groups);

  SmallVector<int64_t> packShape =
      rows ? SmallVector<int64_t>{extent, c.kExtent / 2, 2}
           : SmallVector<int64_t>{c.kExtent / 2, extent, 2};
  Value empty = tensor::EmptyOp::create(b, loc, packShape, b.getBF16Type());
  SmallVector<utils::IteratorType> iterators(3, utils::IteratorType::parallel);
  auto pack = linalg::GenericOp::create(
      b, loc, empty.getType(), ValueRange{split}, ValueRange{empty},
      ArrayRef<AffineMap>{AffineMap::get(3, 0, reads, ctx),
                          b.getMultiDimIdentityMap(3)},
      iterators, [](OpBuilder &nb, Location nloc, ValueRange args) {
        linalg::YieldOp::create(nb, nloc, buildToBF16(nb, nloc, args[0]));
      });
  return pack.getResult(0);
}

/// C[i, j] += sum over (kk, p) of f32(a2[i, kk, p]) * f32(b2[kk, j, p]), as
/// a linalg.contract (its operands widen to the f32 accumulator), which the
/// vectorizer turns into a vector.contract with these maps.
static Value buildPairContraction(OpBuilder &b, Contraction c,
                                  Value rowsPack, Value columnsPack) {
  Location loc = c.op.getLoc();
  MLIRContext *ctx = b.getContext();
  AffineExpr i = getAffineDimExpr(0, ctx), j = getAffineDimExpr(1, ctx),
             kk = getAffineDimExpr(2, ctx), p = getAffineDimExpr(3, ctx);
  OpOperand *init = c.op.getDpsInitOperand(0);
  SmallVector<AffineExpr> onto(c.op.getNumLoops(),
                               getAffineConstantExpr(0, ctx));
  onto[c.m] = i;
  onto[c.n] = j;
  AffineMap out =
      c.op.getMatchingIndexingMap(init).replaceDimsAndSymbols(onto, {}, 4, 0);
  SmallVector<AffineMap> maps{AffineMap::get(4, 0, {i, kk, p}, ctx),
                              AffineMap::get(4, 0, {kk, j, p}, ctx), out};
  auto pairs = linalg::ContractOp::create(
      b, loc, TypeRange{init->get().getType()},
      ValueRange{rowsPack, columnsPack}, ValueRange{init->get()},
      b.getAffineMapArrayAttr(maps));
  return pairs.getResult(0);
}

unsigned framnn::codegen::rewriteContractionsInBF16(RewriterBase &rewriter,
                                                    func::FuncOp func) {
  SmallVector<Contraction> work;
  func.walk([&](linalg::LinalgOp op) {
    if (std::optional<Contraction> c = matchBF16Contraction(op))
      work.push_back(*c);
  });
  for (const Contraction &c : work) {
    rewriter.setInsertionPoint(c.op);
    Value rowsPack = buildPack(rewriter, c, c.rowsInput);
    Value columnsPack = buildPack(rewriter, c, 1 - c.rowsInput);
    rewriter.replaceOp(c.op,
                       buildPairContraction(rewriter, c, rowsPack, columnsPack));
  }
  return work.size();
}
