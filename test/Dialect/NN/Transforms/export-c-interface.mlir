// nn-export-c-interface: every public function with a body is marked
// llvm.emit_c_interface (the JIT's and the C header's entry points);
// private functions and declarations are not.
// RUN: framnn-opt %s --nn-export-c-interface | FileCheck %s
// Once lowered, the marked function has its _mlir_ciface_ wrapper.
// RUN: framnn-opt %s --nn-export-c-interface --convert-func-to-llvm | FileCheck %s --check-prefix=LLVM

// CHECK-LABEL: func.func @entry(
// CHECK-SAME: attributes {llvm.emit_c_interface}
// LLVM-DAG: llvm.func @entry(
// LLVM-DAG: llvm.func @_mlir_ciface_entry(
func.func @entry(%x: f32) -> f32 {
  %0 = call @helper(%x) : (f32) -> f32
  return %0 : f32
}

// CHECK-LABEL: func.func private @helper(
// CHECK-NOT: llvm.emit_c_interface
// CHECK-SAME: {
// LLVM-NOT: _mlir_ciface_helper
func.func private @helper(%x: f32) -> f32 {
  return %x : f32
}

// CHECK: func.func private @declared(f32) -> f32{{$}}
// LLVM-NOT: _mlir_ciface_declared
func.func private @declared(f32) -> f32
