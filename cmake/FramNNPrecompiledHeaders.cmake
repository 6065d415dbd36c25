# Precompiled headers (docs/decisions.md, "Precompiled MLIR headers"):
# parsing MLIR's headers is about half of compiling a FramNN source file,
# and a clean build (CI builds twice: the main build and the sanitizer
# build) parses them once per file. The libraries and the framnn tool with
# several sources each precompile the headers most of their sources
# include, once per target.
#
# Off under a compiler launcher (ccache), which caches nothing that uses a
# precompiled header unless told to relax its checks; the incremental
# builds it serves do not need them. FRAMNN_PRECOMPILED_HEADERS=OFF turns
# them off everywhere.
option(FRAMNN_PRECOMPILED_HEADERS
  "Precompile the MLIR headers of the libraries and the framnn tool" ON)

set(FRAMNN_PRECOMPILED_HEADER_LIST
  <llvm/ADT/SmallVector.h>
  <llvm/ADT/StringRef.h>
  <llvm/Support/raw_ostream.h>
  <mlir/IR/Builders.h>
  <mlir/IR/BuiltinOps.h>
  <mlir/IR/PatternMatch.h>
  <mlir/Pass/Pass.h>
  <mlir/Pass/PassManager.h>
  <mlir/Dialect/Arith/IR/Arith.h>
  <mlir/Dialect/Func/IR/FuncOps.h>
  <mlir/Dialect/Linalg/IR/Linalg.h>
  <mlir/Dialect/MemRef/IR/MemRef.h>
  <mlir/Dialect/SCF/IR/SCF.h>
  <mlir/Dialect/Tensor/IR/Tensor.h>
  <mlir/Dialect/Vector/IR/VectorOps.h>
  <mlir/Transforms/DialectConversion.h>)

# framnn_precompile_headers(TARGET...): the list above, precompiled for
# each existing TARGET.
function(framnn_precompile_headers)
  if(NOT FRAMNN_PRECOMPILED_HEADERS OR CMAKE_CXX_COMPILER_LAUNCHER)
    return()
  endif()
  foreach(target IN LISTS ARGN)
    if(TARGET ${target})
      target_precompile_headers(${target} PRIVATE
        ${FRAMNN_PRECOMPILED_HEADER_LIST})
    endif()
  endforeach()
endfunction()
