//===- Passes.h - FramNN code generation passes -------------------*- C++ -*-===//
//
// The tensor-to-native-code stages of `framnn-lower-to-llvm`: tiling and
// vectorization on tensors, repeated-result copies before bufferization and
// the lowering of vector ops to FMAs and plain loads/stores after it.
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_CODEGEN_PASSES_H
#define FRAMNN_CODEGEN_PASSES_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/Pass.h"

#include <optional>

namespace framnn {
namespace codegen {
/// The `bf16-dot` option of framnn-tile-and-vectorize, framnn-lower-vectors
/// and framnn-lower-to-llvm: where contractions of bf16-exact operands run
/// as AVX512_BF16 dot products. `Auto`: when the host has them and they are
/// faster than its f32 FMAs (hostPrefersBF16Dot); `On`: always; `Emulate`:
/// with the bf16 operand layout but f32 FMAs (runs anywhere); `Off`: never.
enum class BF16Dot { Auto, On, Emulate, Off };
/// "auto", "on", "emulate" or "off"; nullopt for anything else.
std::optional<BF16Dot> parseBF16Dot(llvm::StringRef text);
/// Whether the host CPU has the AVX512_BF16 dot product (vdpbf16ps).
bool hostHasBF16Dot();
/// Whether a CPU that LLVM names `cpuName` (llvm::sys::getHostCPUName())
/// and that has AVX512_BF16 multiplies bf16 pairs faster with vdpbf16ps
/// than f32 operands with FMAs: AMD's Zen 4 and later ("znver4", ...), not
/// Intel's cores, whose vdpbf16ps on 512-bit registers issues once every
/// two cycles against two FMAs per cycle (docs/decisions.md, "Where
/// bf16-dot=auto takes the dot products").
bool bf16DotsOutrunFMAs(llvm::StringRef cpuName);
/// What bf16-dot=auto does here: hostHasBF16Dot() and bf16DotsOutrunFMAs()
/// of the host CPU's name.
bool hostPrefersBF16Dot();
} // namespace codegen

#define GEN_PASS_DECL
#define GEN_PASS_REGISTRATION
#include "framnn/Codegen/Passes.h.inc"
} // namespace framnn

#endif // FRAMNN_CODEGEN_PASSES_H
