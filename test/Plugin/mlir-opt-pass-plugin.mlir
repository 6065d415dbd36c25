// Debian's stock mlir-opt runs FramNN's passes and pipelines from the pass
// plugin: the worked example of docs/embedding.md ("The mlir-opt plugin"),
// whose input and outputs these checks are. Plugin passes are named in
// --pass-pipeline (mlir-opt parses its --pass-name flags before it loads
// the plugin).
// RUN: mlir-opt --load-dialect-plugin=%framnn_libs/FramNNPlugin.so --load-pass-plugin=%framnn_libs/FramNNPlugin.so %s --pass-pipeline="builtin.module(nn-approximate-products{mantissa-bits=8})" | FileCheck %s --check-prefix=APPROX
// RUN: mlir-opt --load-dialect-plugin=%framnn_libs/FramNNPlugin.so --load-pass-plugin=%framnn_libs/FramNNPlugin.so %s --pass-pipeline="builtin.module(nn-approximate-products{mantissa-bits=8},framnn-lower-to-linalg)" | FileCheck %s --check-prefix=LINALG
// Without the pass plugin the pass is unknown.
// RUN: not mlir-opt --load-dialect-plugin=%framnn_libs/FramNNPlugin.so %s --pass-pipeline="builtin.module(nn-approximate-products)" 2>&1 | FileCheck %s --check-prefix=NOPASS

// NOPASS: 'nn-approximate-products' does not refer to a registered pass or pass pipeline

// APPROX:      func.func @layer(%arg0: tensor<4x8xf32>, %arg1: tensor<8x2xf32>) -> tensor<4x2xf32> {
// APPROX-NEXT:   %0 = nn.matmul %arg0, %arg1 {multiplier = #approx.precision<8>} : (tensor<4x8xf32>, tensor<8x2xf32>) -> tensor<4x2xf32>
// APPROX-NEXT:   return %0 : tensor<4x2xf32>

// LINALG:      #map = affine_map<(d0, d1) -> (d0, d1)>
// LINALG:      func.func @layer(%arg0: tensor<4x8xf32>, %arg1: tensor<8x2xf32>) -> tensor<4x2xf32> attributes {llvm.emit_c_interface} {
// LINALG-NEXT:   %c4194304_i32 = arith.constant 4194304 : i32
// LINALG-NEXT:   %c-32768_i32 = arith.constant -32768 : i32
// LINALG-NEXT:   %cst = arith.constant -0.000000e+00 : f32
// LINALG-NEXT:   %0 = tensor.empty() : tensor<4x2xf32>
// LINALG-NEXT:   %1 = linalg.fill ins(%cst : f32) outs(%0 : tensor<4x2xf32>) -> tensor<4x2xf32>
// LINALG-NEXT:   %2 = tensor.empty() : tensor<4x8xf32>
// LINALG-NEXT:   %3 = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel", "parallel"]} ins(%arg0 : tensor<4x8xf32>) outs(%2 : tensor<4x8xf32>) {
// LINALG-NEXT:   ^bb0(%in: f32, %out: f32):
// LINALG-NEXT:     %7 = arith.bitcast %in : f32 to i32
// LINALG-NEXT:     %8 = arith.andi %7, %c-32768_i32 : i32
// LINALG-NEXT:     %9 = arith.ori %7, %c4194304_i32 : i32
// LINALG-NEXT:     %10 = arith.cmpf uno, %in, %in : f32
// LINALG-NEXT:     %11 = arith.select %10, %9, %8 : i32
// LINALG-NEXT:     %12 = arith.bitcast %11 : i32 to f32
// LINALG-NEXT:     linalg.yield %12 : f32
// LINALG-NEXT:   } -> tensor<4x8xf32>
// LINALG-NEXT:   %4 = tensor.empty() : tensor<8x2xf32>
// LINALG-NEXT:   %5 = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel", "parallel"]} ins(%arg1 : tensor<8x2xf32>) outs(%4 : tensor<8x2xf32>) {
// LINALG-NEXT:   ^bb0(%in: f32, %out: f32):
// LINALG-NEXT:     %7 = arith.bitcast %in : f32 to i32
// LINALG-NEXT:     %8 = arith.andi %7, %c-32768_i32 : i32
// LINALG-NEXT:     %9 = arith.ori %7, %c4194304_i32 : i32
// LINALG-NEXT:     %10 = arith.cmpf uno, %in, %in : f32
// LINALG-NEXT:     %11 = arith.select %10, %9, %8 : i32
// LINALG-NEXT:     %12 = arith.bitcast %11 : i32 to f32
// LINALG-NEXT:     linalg.yield %12 : f32
// LINALG-NEXT:   } -> tensor<8x2xf32>
// LINALG-NEXT:   %6 = linalg.matmul ins(%3, %5 : tensor<4x8xf32>, tensor<8x2xf32>) outs(%1 : tensor<4x2xf32>) -> tensor<4x2xf32>
// LINALG-NEXT:   return %6 : tensor<4x2xf32>

func.func @layer(%x: tensor<4x8xf32>, %w: tensor<8x2xf32>) -> tensor<4x2xf32> {
  %y = nn.matmul %x, %w : (tensor<4x8xf32>, tensor<8x2xf32>) -> tensor<4x2xf32>
  return %y : tensor<4x2xf32>
}
