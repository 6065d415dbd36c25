// Debian's stock mlir-opt loads FramNN as a dialect plugin, then parses and
// verifies IR of both FramNN dialects.
// RUN: mlir-opt --load-dialect-plugin=%framnn_libs/FramNNPlugin.so %s | FileCheck %s
// RUN: mlir-opt --load-dialect-plugin=%framnn_libs/FramNNPlugin.so --load-pass-plugin=%framnn_libs/FramNNPlugin.so %s --verify-roundtrip | FileCheck %s
// RUN: not mlir-opt %s 2>&1 | FileCheck %s --check-prefix=NOPLUGIN

// NOPLUGIN: Dialect `approx' not found
// CHECK-LABEL: func.func @plugin
// CHECK: approx.mulf #approx.precision<8> %{{.*}}, %{{.*}} : f32
// CHECK: nn.relu %{{.*}} : tensor<?x10xf32>
func.func @plugin(%a: f32, %b: f32, %x: tensor<?x10xf32>) -> (f32, tensor<?x10xf32>) {
  %p = approx.mulf #approx.precision<8> %a, %b : f32
  %r = nn.relu %x : tensor<?x10xf32>
  return %p, %r : f32, tensor<?x10xf32>
}
