// Debian's stock mlir-opt loads FramNN as a dialect plugin, then parses and
// verifies IR of both FramNN dialects.
// RUN: mlir-opt --load-dialect-plugin=%framnn_libs/FramNNPlugin.so %s | FileCheck %s
// RUN: mlir-opt --load-dialect-plugin=%framnn_libs/FramNNPlugin.so --load-pass-plugin=%framnn_libs/FramNNPlugin.so %s --verify-roundtrip | FileCheck %s
// RUN: not mlir-opt %s 2>&1 | FileCheck %s --check-prefix=NOPLUGIN

// The input and outputs of docs/embedding.md ("The mlir-opt plugin").
// NOPLUGIN: error: Dialect `approx' not found for custom op 'approx.mulf'
// CHECK:      func.func @plugin(%arg0: f32, %arg1: f32, %arg2: tensor<?x10xf32>) -> (f32, tensor<?x10xf32>) {
// CHECK-NEXT:   %0 = approx.mulf #approx.precision<8> %arg0, %arg1 : f32
// CHECK-NEXT:   %1 = nn.relu %arg2 : tensor<?x10xf32>
// CHECK-NEXT:   return %0, %1 : f32, tensor<?x10xf32>
func.func @plugin(%a: f32, %b: f32, %x: tensor<?x10xf32>) -> (f32, tensor<?x10xf32>) {
  %p = approx.mulf #approx.precision<8> %a, %b : f32
  %r = nn.relu %x : tensor<?x10xf32>
  return %p, %r : f32, tensor<?x10xf32>
}
