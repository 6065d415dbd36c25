//===- BF16Contractions.cpp - contractions of bf16-exact operands ---------===//
#include "BF16Contractions.h"

#include "framnn/Conversion/ApproxToLinalg/TruncMask.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Matchers.h"
#include "llvm/TargetParser/Host.h"

using namespace mlir;
using namespace framnn;
using namespace framnn::codegen;

bool framnn::codegen::hostHasBF16Dot() {
  static const bool has =
      llvm::sys::getHostCPUFeatures().lookup("avx512bf16");
  return has;
}

bool framnn::codegen::bf16DotsOutrunFMAs(llvm::StringRef cpuName) {
  // Zen 4 and Zen 5 run vdpbf16ps on their FMA pipes, at the FMA's rate
  // with twice the products. Unknown names (a newer core, a generic
  // target) keep the f32 path: never slower than today.
  return llvm::is_contained({"znver4", "znver5"}, cpuName);
}

bool framnn::codegen::hostPrefersBF16Dot() {
  static const bool prefers =
      hostHasBF16Dot() && bf16DotsOutrunFMAs(llvm::sys::getHostCPUName());
  return prefers;
}

std::optional<BF16Dot> framnn::codegen::parseBF16Dot(llvm::StringRef text) {
  return llvm::StringSwitch<std::optional<BF16Dot>>(text)
      .Case("auto", BF16Dot::Auto)
      .Case("on", BF16Dot::On)
      .Case("emulate", BF16Dot::Emulate)
      .Case("off", BF16Dot::Off)
      .Default(std::nullopt);
}

FailureOr<BF16Dot> framnn::codegen::parseBF16DotOption(Operation *op,
                                                       llvm::StringRef text) {
  if (std::optional<BF16Dot> mode = parseBF16Dot(text))
    return *mode;
  return op->emitError() << "bf16-dot must be auto, on, emulate or off, not '"
                         << text << "'";
}

bool framnn::codegen::packsBF16Pairs(BF16Dot mode) {
  return mode == BF16Dot::On || mode == BF16Dot::Emulate ||
         (mode == BF16Dot::Auto && hostPrefersBF16Dot());
}

bool framnn::codegen::emitsBF16Dots(BF16Dot mode) {
  return mode == BF16Dot::On ||
         (mode == BF16Dot::Auto && hostPrefersBF16Dot());
}

bool framnn::codegen::isPairContraction(
    linalg::LinalgOp op, const linalg::ContractionDimensions &dims) {
  return dims.k.size() > 1 && llvm::all_of(op.getDpsInputs(), [](Value v) {
           return getElementTypeOrSelf(v.getType()).isBF16();
         });
}

/// The mask of a `trunc_m` generic: when `value` is the result of an
/// elementwise linalg.generic that yields the rounding IR of TruncMask.h
/// (matchReducePrecision), the i32 mask: a constant, or a value from
/// outside the generic (the mask of a run-time m, built at the function
/// entry). Else null.
static Value maskOf(Value value) {
  auto result = dyn_cast<OpResult>(value);
  auto generic =
      result ? dyn_cast<linalg::GenericOp>(result.getOwner()) : nullptr;
  if (!generic || !getElementTypeOrSelf(value.getType()).isF32() ||
      generic.getNumLoops() != generic.getNumParallelLoops())
    return nullptr;
  std::optional<ReducedPrecision> reduced =
      matchReducePrecision(generic.getBody()->getTerminator()->getOperand(
          result.getResultNumber()));
  if (!reduced || !reduced->mask.getType().isInteger(32))
    return nullptr;
  Value mask = reduced->mask;
  APInt constant;
  if (matchPattern(mask, m_ConstantInt(&constant)) ||
      !generic->isAncestor(mask.getParentRegion()->getParentOp()))
    return mask;
  return nullptr;
}

/// Whether every element of `value` is exactly a bfloat16 (or a NaN): a
/// `trunc_m` mask that clears the low 16 bits of the binary32 pattern,
/// which bf16 does not have (m <= 7). `runtimeMask` is set to the mask if
/// that is known only at run time (`#approx.runtime_precision`).
static bool isExactlyBF16(Value value, Value &runtimeMask) {
  Value mask = maskOf(value);
  if (!mask)
    return false;
  APInt bits;
  if (matchPattern(mask, m_ConstantInt(&bits)))
    return bits.countr_zero() >= 16;
  runtimeMask = mask;
  return true;
}

/// The bfloat16 holding the bf16-exact binary32 `x`: its high 16 bits.
/// `x` is a trunc_m result (maskOf), so a NaN is already quiet and its
/// high half is a quiet NaN too (the payload bits it loses cannot make it
/// an infinity).
static Value buildToBF16(OpBuilder &b, Location loc, Value x) {
  Type i32 = b.getI32Type(), i16 = b.getI16Type();
  Value bits = arith::BitcastOp::create(b, loc, i32, x);
  Value sixteen = arith::ConstantOp::create(b, loc, IntegerAttr::get(i32, 16));
  Value high = arith::TruncIOp::create(
      b, loc, i16, arith::ShRUIOp::create(b, loc, bits, sixteen));
  return arith::BitcastOp::create(b, loc, b.getBF16Type(), high);
}

namespace {
/// A contraction C[m, n] += A[.., k, ..] * B[.., k, ..] by its loops.
struct Contraction {
  linalg::LinalgOp op;
  unsigned m, n, k;
  int64_t mExtent, nExtent, kExtent;
  unsigned rowsInput; // the input indexed by m (the other one by n)
  /// Masks of a run-time m: the operands are bf16 only when these clear
  /// the low 16 bits.
  SmallVector<Value, 2> runtimeMasks;
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
                ranges[dims->k[0]], 0, {}};
  // Pairs of reduction steps: an odd extent would need a padded step.
  if (c.kExtent < 2 || c.kExtent % 2 != 0)
    return std::nullopt;
  Value init = op.getDpsInitOperand(0)->get();
  if (!getElementTypeOrSelf(init.getType()).isF32())
    return std::nullopt;
  for (OpOperand *input : op.getDpsInputOperands()) {
    Value runtimeMask;
    if (!isExactlyBF16(input->get(), runtimeMask))
      return std::nullopt;
    if (runtimeMask && !llvm::is_contained(c.runtimeMasks, runtimeMask))
      c.runtimeMasks.push_back(runtimeMask);
  }
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

/// The packs and the pair contraction replacing `c`'s result.
static Value buildPairs(OpBuilder &b, Contraction c) {
  Value rowsPack = buildPack(b, c, c.rowsInput);
  Value columnsPack = buildPack(b, c, 1 - c.rowsInput);
  return buildPairContraction(b, c, rowsPack, columnsPack);
}

/// Whether all of `masks` clear the low 16 bits, at run time.
static Value buildClearsLow16Bits(OpBuilder &b, Location loc,
                                  ArrayRef<Value> masks) {
  Value all;
  for (Value mask : masks) {
    auto constant = [&](int64_t v) -> Value {
      return arith::ConstantOp::create(b, loc,
                                       IntegerAttr::get(mask.getType(), v));
    };
    Value low = arith::AndIOp::create(b, loc, mask, constant(0xffff));
    Value clear = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, low,
                                        constant(0));
    all = all ? arith::AndIOp::create(b, loc, all, clear).getResult() : clear;
  }
  return all;
}

unsigned framnn::codegen::rewriteContractionsInBF16(RewriterBase &rewriter,
                                                    func::FuncOp func) {
  SmallVector<Contraction> work;
  func.walk([&](linalg::LinalgOp op) {
    if (std::optional<Contraction> c = matchBF16Contraction(op))
      work.push_back(*c);
  });
  for (Contraction &c : work) {
    rewriter.setInsertionPoint(c.op);
    if (c.runtimeMasks.empty()) {
      rewriter.replaceOp(c.op, buildPairs(rewriter, c));
      continue;
    }
    // m known at run time: the pairs when it is <= 7, else the contraction
    // as it was.
    Location loc = c.op.getLoc();
    auto dispatch = scf::IfOp::create(
        rewriter, loc, buildClearsLow16Bits(rewriter, loc, c.runtimeMasks),
        [&](OpBuilder &b, Location l) {
          scf::YieldOp::create(b, l, buildPairs(b, c));
        },
        [&](OpBuilder &b, Location l) {
          scf::YieldOp::create(b, l, b.clone(*c.op)->getResults());
        });
    rewriter.replaceOp(c.op, dispatch.getResults());
  }
  return work.size();
}
