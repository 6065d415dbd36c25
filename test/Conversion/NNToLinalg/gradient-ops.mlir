// Lowering of the conv and pooling gradient ops (numbers: gradients-vs-torch.test).
// RUN: framnn-opt --convert-nn-to-linalg %s | FileCheck %s

// Conv input gradient as a transposed convolution: dy spread `stride` apart
// into a zero buffer (H: reach 2 - top pad 1 = offset 1, length 9 + 2; W:
// reach 4 - left pad 0 = offset 4, length 9 + 4), the weight flipped and
// transposed per group (F x C' -> C x F'), and one approx.conv2d with the
// op's multiplier and dilations, stride 1.
// CHECK-DAG: #[[FLIP:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d2, d1, -d3 + 2, -d4 + 2)>
// CHECK-LABEL: func.func @conv_input_grad
// CHECK: %[[ZERO:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<?x4x11x13xf32>)
// CHECK: %[[SPREAD:.*]] = tensor.insert_slice %{{.*}} into %[[ZERO]][0, 0, 1, 4] [%{{.*}}, 4, 4, 4] [1, 1, 2, 2] : tensor<?x4x4x4xf32> into tensor<?x4x11x13xf32>
// CHECK: %[[G:.*]] = tensor.expand_shape %arg1 {{\[}}[0, 1], [2], [3], [4]] output_shape [2, 2, 3, 3, 3]
// CHECK: %[[FLIPPED:.*]] = linalg.generic {indexing_maps = [#[[FLIP]], {{.*}}]{{.*}} ins(%[[G]] : tensor<2x2x3x3x3xf32>) outs(%{{.*}} : tensor<2x3x2x3x3xf32>)
// CHECK: %[[W:.*]] = tensor.collapse_shape %[[FLIPPED]] {{\[}}[0, 1], [2], [3], [4]] : tensor<2x3x2x3x3xf32> into tensor<6x2x3x3xf32>
// CHECK: %[[DX:.*]] = approx.conv2d #approx.precision<8> %[[SPREAD]], %[[W]], %{{.*}} {dilations = array<i64: 1, 2>, groups = 2 : i64} : tensor<?x4x11x13xf32>, tensor<6x2x3x3xf32> -> tensor<?x6x9x9xf32>
// CHECK: return %[[DX]]
func.func @conv_input_grad(%dy: tensor<?x4x4x4xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<?x6x9x9xf32> {
  %0 = nn.conv_input_grad %dy, %w {strides = array<i64: 2, 2>, pads = array<i64: 1, 0, 0, 2>, dilations = array<i64: 1, 2>, group = 2 : i64, input_spatial = array<i64: 9, 9>, multiplier = #approx.precision<8>} : (tensor<?x4x4x4xf32>, tensor<4x3x3x3xf32>) -> tensor<?x6x9x9xf32>
  return %0 : tensor<?x6x9x9xf32>
}

// Pads larger than the kernel's reach: dy row 0, whose window lies wholly
// in the top padding, is dropped (reach 1 - top pad 3 = -2: rows from 1 at
// offset 0), as is the last column, whose window lies in the end padding.
// CHECK-LABEL: func.func @conv_input_grad_crop
// CHECK: tensor.extract_slice %arg0[0, 0, 1, 0] [2, 4, 4, 3] [1, 1, 1, 1] : tensor<2x4x5x4xf32> to tensor<2x4x4x3xf32>
// CHECK: tensor.insert_slice %{{.*}} into %{{.*}}[0, 0, 0, 4] [2, 4, 4, 3] [1, 1, 2, 3] : tensor<2x4x4x3xf32> into tensor<2x4x8x13xf32>
// CHECK: approx.conv2d #approx.precision<23>
func.func @conv_input_grad_crop(%dy: tensor<2x4x5x4xf32>, %w: tensor<4x2x2x3xf32>) -> tensor<2x4x7x9xf32> {
  %0 = nn.conv_input_grad %dy, %w {strides = array<i64: 2, 3>, pads = array<i64: 3, 0, 1, 5>, dilations = array<i64: 1, 2>, group = 2 : i64, input_spatial = array<i64: 7, 9>} : (tensor<2x4x5x4xf32>, tensor<4x2x2x3xf32>) -> tensor<2x4x7x9xf32>
  return %0 : tensor<2x4x7x9xf32>
}

// Conv weight gradient as a grouped convolution over the batch: the input
// cut to the rows the windows read (8 of 9) and padded, regrouped to
// C' x (G*N) x H x W, convolved with dy^T (F x N x OH x OW) with stride and
// dilation exchanged, and transposed to F x C' x KH x KW.
// CHECK-LABEL: func.func @conv_weight_grad
// CHECK: %[[ACC:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<3x4x3x3xf32>)
// CHECK: %[[CUT:.*]] = tensor.extract_slice %arg0[0, 0, 0, 0] [%{{.*}}, 6, 8, 9] [1, 1, 1, 1]
// CHECK: %[[PAD:.*]] = tensor.pad %[[CUT]] low[0, 0, 1, 0] high[0, 0, 0, 2]
// CHECK: %[[SPLIT:.*]] = tensor.expand_shape %[[PAD]] {{\[}}[0], [1, 2], [3], [4]] output_shape [%{{.*}}, 2, 3, 9, 11]
// CHECK: %[[T:.*]] = linalg.transpose ins(%[[SPLIT]] : tensor<?x2x3x9x11xf32>) outs(%{{.*}} : tensor<3x2x?x9x11xf32>) permutation = [2, 1, 0, 3, 4]
// CHECK: %[[LHS:.*]] = tensor.collapse_shape %[[T]] {{\[}}[0], [1, 2], [3], [4]] : tensor<3x2x?x9x11xf32> into tensor<3x?x9x11xf32>
// CHECK: %[[RHS:.*]] = linalg.transpose ins(%arg1 : tensor<?x4x4x4xf32>) outs(%{{.*}} : tensor<4x?x4x4xf32>) permutation = [1, 0, 2, 3]
// CHECK: %[[DW:.*]] = approx.conv2d #approx.precision<5> %[[LHS]], %[[RHS]], %[[ACC]] {dilations = array<i64: 2, 2>, groups = 2 : i64, strides = array<i64: 1, 2>} : tensor<3x?x9x11xf32>, tensor<4x?x4x4xf32> -> tensor<3x4x3x3xf32>
// CHECK: %[[R:.*]] = linalg.transpose ins(%[[DW]] : tensor<3x4x3x3xf32>) outs(%{{.*}} : tensor<4x3x3x3xf32>) permutation = [1, 0, 2, 3]
// CHECK: return %[[R]]
func.func @conv_weight_grad(%x: tensor<?x6x9x9xf32>, %dy: tensor<?x4x4x4xf32>) -> tensor<4x3x3x3xf32> {
  %0 = nn.conv_weight_grad %x, %dy {strides = array<i64: 2, 2>, pads = array<i64: 1, 0, 0, 2>, dilations = array<i64: 1, 2>, group = 2 : i64, kernel_shape = array<i64: 3, 3>, multiplier = #approx.precision<5>} : (tensor<?x6x9x9xf32>, tensor<?x4x4x4xf32>) -> tensor<4x3x3x3xf32>
  return %0 : tensor<4x3x3x3xf32>
}

// Max pool gradient, windows that tile the input (kernel = stride, the
// LeNet case): the padded input is read window by window as
// N x C x OH x KH x OW x KW, one reduction finds each window's argmax
// (window position i * KW + j, 4 = none), and one parallel op writes dy
// where the position matches (positions come from a constant, not
// linalg.index); the padded result is cut back to the input.
// CHECK-LABEL: func.func @max_pool_grad_tiles
// CHECK: %[[POS:.*]] = arith.constant dense<{{\[}}[0, 1], [2, 3]]> : tensor<2x2xi32>
// CHECK: %[[W:.*]] = tensor.expand_shape %{{.*}} {{\[}}[0], [1], [2, 3], [4, 5]] output_shape [%{{.*}}, 3, 4, 2, 4, 2] : tensor<?x3x8x8xf32> into tensor<?x3x4x2x4x2xf32>
// CHECK: %[[ARG:.*]]:2 = linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]} ins(%[[W]], %{{.*}} : tensor<?x3x4x2x4x2xf32>, tensor<2x2xf32>) outs(%{{.*}}, %{{.*}} : tensor<?x3x4x4xf32>, tensor<?x3x4x4xi32>)
// CHECK: %[[G:.*]] = linalg.generic {{.*}} ins(%arg1, %[[ARG]]#1, %[[POS]] : tensor<?x3x4x4xf32>, tensor<?x3x4x4xi32>, tensor<2x2xi32>) outs(%{{.*}} : tensor<?x3x4x2x4x2xf32>)
// CHECK: arith.cmpi eq
// CHECK: arith.select
// CHECK: %[[C:.*]] = tensor.collapse_shape %[[G]] {{\[}}[0], [1], [2, 3], [4, 5]] : tensor<?x3x4x2x4x2xf32> into tensor<?x3x8x8xf32>
// CHECK: %[[DX:.*]] = tensor.extract_slice %[[C]][0, 0, 1, 1] [%{{.*}}, 3, 7, 7] [1, 1, 1, 1] : tensor<?x3x8x8xf32> to tensor<?x3x7x7xf32>
// CHECK: return %[[DX]]
func.func @max_pool_grad_tiles(%x: tensor<?x3x7x7xf32>, %dy: tensor<?x3x4x4xf32>) -> tensor<?x3x7x7xf32> {
  %0 = nn.max_pool_grad %x, %dy {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, ceil_mode = true} : (tensor<?x3x7x7xf32>, tensor<?x3x4x4xf32>) -> tensor<?x3x7x7xf32>
  return %0 : tensor<?x3x7x7xf32>
}

// Windows inside the input (no padding; the last row and column are in no
// window): the argmax is a parallel op over the windows that reads window
// element (i, j) as the strided slice of x at (i, j) and keeps the first
// maximum by a select chain in window order (so it vectorizes along OW);
// the scatter is one strided slice update per kernel offset, read along OW
// too (the 6-D tiling form above is vectorized along KW only).
// CHECK-LABEL: func.func @max_pool_grad_inside
// CHECK-DAG: %[[X00:.*]] = tensor.extract_slice %arg0[0, 0, 0, 0] [%{{.*}}, 3, 4, 4] [1, 1, 2, 2]
// CHECK-DAG: %[[X01:.*]] = tensor.extract_slice %arg0[0, 0, 0, 1] [%{{.*}}, 3, 4, 4] [1, 1, 2, 2]
// CHECK-DAG: %[[X10:.*]] = tensor.extract_slice %arg0[0, 0, 1, 0] [%{{.*}}, 3, 4, 4] [1, 1, 2, 2]
// CHECK-DAG: %[[X11:.*]] = tensor.extract_slice %arg0[0, 0, 1, 1] [%{{.*}}, 3, 4, 4] [1, 1, 2, 2]
// CHECK: %[[ARG:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%[[X00]], %[[X01]], %[[X10]], %[[X11]] : {{.*}}) outs(%{{.*}} : tensor<?x3x4x4xi32>)
// CHECK-NEXT: ^bb0(%[[V0:.*]]: f32, %[[V1:.*]]: f32, %[[V2:.*]]: f32, %[[V3:.*]]: f32, %{{.*}}: i32):
// CHECK: %[[GT1:.*]] = arith.cmpf ogt, %[[V1]], %[[V0]]
// CHECK: %[[V1NAN:.*]] = arith.cmpf uno, %[[V1]], %[[V1]]
// CHECK: %[[BEST0ORD:.*]] = arith.cmpf ord, %[[V0]], %[[V0]]
// CHECK: %[[NAN1:.*]] = arith.andi %[[V1NAN]], %[[BEST0ORD]]
// CHECK: %[[UP1:.*]] = arith.ori %[[GT1]], %[[NAN1]]
// CHECK: %[[BEST1:.*]] = arith.select %[[UP1]], %[[V1]], %[[V0]]
// CHECK: %[[POS1:.*]] = arith.select %[[UP1]], %c1_i32, %c0_i32
// CHECK: arith.cmpf ogt, %[[V2]], %[[BEST1]]
// CHECK: %[[POS2:.*]] = arith.select %{{.*}}, %c2_i32, %[[POS1]]
// CHECK: arith.cmpf ogt, %[[V3]], %{{.*}}
// CHECK: %[[POS3:.*]] = arith.select %{{.*}}, %c3_i32, %[[POS2]]
// CHECK-NEXT: linalg.yield %[[POS3]] : i32
// CHECK: %[[ZERO:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<?x3x9x9xf32>)
// CHECK: %[[S00:.*]] = tensor.extract_slice %[[ZERO]][0, 0, 0, 0] [%{{.*}}, 3, 4, 4] [1, 1, 2, 2]
// CHECK: %[[G00:.*]] = linalg.generic {{.*}} ins(%arg1, %[[ARG]] : tensor<?x3x4x4xf32>, tensor<?x3x4x4xi32>) outs(%[[S00]] : tensor<?x3x4x4xf32>)
// CHECK: arith.cmpi eq, %{{.*}}, %c0_i32
// CHECK: %[[DX00:.*]] = tensor.insert_slice %[[G00]] into %[[ZERO]][0, 0, 0, 0] [%{{.*}}, 3, 4, 4] [1, 1, 2, 2]
// CHECK: linalg.generic {{.*}} ins(%arg1, %[[ARG]] : {{.*}})
// CHECK: arith.cmpi eq, %{{.*}}, %c1_i32
// CHECK: %[[DX01:.*]] = tensor.insert_slice %{{.*}} into %[[DX00]][0, 0, 0, 1] [%{{.*}}, 3, 4, 4] [1, 1, 2, 2]
// CHECK: %[[DX10:.*]] = tensor.insert_slice %{{.*}} into %[[DX01]][0, 0, 1, 0] [%{{.*}}, 3, 4, 4] [1, 1, 2, 2]
// CHECK: %[[DX11:.*]] = tensor.insert_slice %{{.*}} into %[[DX10]][0, 0, 1, 1] [%{{.*}}, 3, 4, 4] [1, 1, 2, 2]
// CHECK: %[[DX:.*]] = tensor.extract_slice %[[DX11]][0, 0, 0, 0] [%{{.*}}, 3, 9, 9] [1, 1, 1, 1]
// CHECK: return %[[DX]]
func.func @max_pool_grad_inside(%x: tensor<?x3x9x9xf32>, %dy: tensor<?x3x4x4xf32>) -> tensor<?x3x9x9xf32> {
  %0 = nn.max_pool_grad %x, %dy {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = false} : (tensor<?x3x9x9xf32>, tensor<?x3x4x4xf32>) -> tensor<?x3x9x9xf32>
  return %0 : tensor<?x3x9x9xf32>
}

// Overlapping windows: the argmax reads the padded input through strided
// maps, and one strided slice update per kernel offset adds dy where the
// argmax is that offset.
// CHECK-LABEL: func.func @max_pool_grad_overlapping
// CHECK: %[[ARG:.*]]:2 = linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]{{.*}} outs(%{{.*}}, %{{.*}} : tensor<?x3x4x4xf32>, tensor<?x3x4x4xi32>)
// CHECK-COUNT-9: tensor.insert_slice %{{.*}} into %{{.*}}[0, 0, {{[012]}}, {{[012]}}] [%{{.*}}, 3, 4, 4] [1, 1, 2, 2] : tensor<?x3x4x4xf32> into tensor<?x3x9x9xf32>
// CHECK: %[[DX:.*]] = tensor.extract_slice %{{.*}}[0, 0, 1, 1] [%{{.*}}, 3, 7, 7] [1, 1, 1, 1] : tensor<?x3x9x9xf32> to tensor<?x3x7x7xf32>
// CHECK: return %[[DX]]
func.func @max_pool_grad_overlapping(%x: tensor<?x3x7x7xf32>, %dy: tensor<?x3x4x4xf32>) -> tensor<?x3x7x7xf32> {
  %0 = nn.max_pool_grad %x, %dy {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, ceil_mode = false} : (tensor<?x3x7x7xf32>, tensor<?x3x4x4xf32>) -> tensor<?x3x7x7xf32>
  return %0 : tensor<?x3x7x7xf32>
}

// Average pool gradient: dy divided by the forward divisors (a constant:
// count_include_pad = false, so edge windows count fewer cells), then
// scattered like the overlapping max pool gradient.
// CHECK-LABEL: func.func @average_pool_grad
// CHECK: %[[DIV:.*]] = arith.constant dense<{{\[}}[4.000000e+00, 6.000000e+00, 6.000000e+00, 4.000000e+00], [6.000000e+00, 9.000000e+00, 9.000000e+00, 6.000000e+00], [6.000000e+00, 9.000000e+00, 9.000000e+00, 6.000000e+00], [4.000000e+00, 6.000000e+00, 6.000000e+00, 4.000000e+00]]> : tensor<4x4xf32>
// CHECK: linalg.generic {{.*}} ins(%arg0, %[[DIV]] : tensor<?x3x4x4xf32>, tensor<4x4xf32>)
// CHECK: arith.divf
// CHECK-COUNT-9: tensor.insert_slice %{{.*}} [1, 1, 2, 2] : tensor<?x3x4x4xf32> into tensor<?x3x9x9xf32>
// CHECK: tensor.extract_slice %{{.*}}[0, 0, 1, 1] [%{{.*}}, 3, 7, 7] [1, 1, 1, 1]
func.func @average_pool_grad(%dy: tensor<?x3x4x4xf32>) -> tensor<?x3x7x7xf32> {
  %0 = nn.average_pool_grad %dy {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, ceil_mode = false, count_include_pad = false, input_spatial = array<i64: 7, 7>} : (tensor<?x3x4x4xf32>) -> tensor<?x3x7x7xf32>
  return %0 : tensor<?x3x7x7xf32>
}
