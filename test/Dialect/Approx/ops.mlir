// Round trip of every approx op and of #approx.precision in all its forms:
// custom form, generic form, and mlir-opt's own generic/bytecode check.
// RUN: framnn-opt %s | framnn-opt | FileCheck %s
// RUN: framnn-opt %s --verify-roundtrip | FileCheck %s
// RUN: framnn-opt %s -mlir-print-op-generic | framnn-opt | FileCheck %s
// RUN: framnn-opt %s -mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC

// CHECK-LABEL: func.func @precision_forms
// The default rounding (truncate) is not printed; the others are.
// CHECK: approx.mulf #approx.precision<0> %{{.*}}, %{{.*}} : f32
// CHECK: approx.mulf #approx.precision<8> %{{.*}}, %{{.*}} : f32
// CHECK: approx.mulf #approx.precision<8> %{{.*}}, %{{.*}} : f32
// CHECK: approx.mulf #approx.precision<15, nearest_even> %{{.*}}, %{{.*}} : f32
// CHECK: approx.mulf #approx.precision<0, nearest_even> %{{.*}}, %{{.*}} : f32
// Stochastic rounding prints its seed unless it is 0 (the default).
// CHECK: approx.mulf #approx.precision<8, stochastic> %{{.*}}, %{{.*}} : f32
// CHECK: approx.mulf #approx.precision<8, stochastic> %{{.*}}, %{{.*}} : f32
// CHECK: approx.mulf #approx.precision<8, stochastic, seed = 1> %{{.*}}, %{{.*}} : f32
// CHECK: approx.mulf #approx.precision<3, stochastic, seed = 18446744073709551615> %{{.*}}, %{{.*}} : f32
// GENERIC-LABEL: sym_name = "precision_forms"
// GENERIC: "approx.mulf"(%{{.*}}, %{{.*}}) <{multiplier = #approx.precision<0>}> : (f32, f32) -> f32
// GENERIC: "approx.mulf"(%{{.*}}, %{{.*}}) <{multiplier = #approx.precision<15, nearest_even>}> : (f32, f32) -> f32
// GENERIC: "approx.mulf"(%{{.*}}, %{{.*}}) <{multiplier = #approx.precision<8, stochastic, seed = 1>}> : (f32, f32) -> f32
func.func @precision_forms(%a: f32, %b: f32) -> (f32, f32, f32, f32, f32, f32, f32, f32, f32) {
  %0 = approx.mulf #approx.precision<0> %a, %b : f32
  %1 = approx.mulf #approx.precision<8> %a, %b : f32
  %2 = approx.mulf #approx.precision<8, truncate> %a, %b : f32
  %3 = approx.mulf #approx.precision<15, nearest_even> %a, %b : f32
  %4 = approx.mulf #approx.precision<0, nearest_even> %a, %b : f32
  %5 = approx.mulf #approx.precision<8, stochastic> %a, %b : f32
  %6 = approx.mulf #approx.precision<8, stochastic, seed = 0> %a, %b : f32
  %7 = approx.mulf #approx.precision<8, stochastic, seed = 1> %a, %b : f32
  %8 = approx.mulf #approx.precision<3, stochastic, seed = 18446744073709551615> %a, %b : f32
  return %0, %1, %2, %3, %4, %5, %6, %7, %8 : f32, f32, f32, f32, f32, f32, f32, f32, f32
}

// The largest m of each element type is accepted (it is the exact
// multiplier), on scalars, vectors and tensors.
// CHECK-LABEL: func.func @element_types
// CHECK: approx.mulf #approx.precision<10> %{{.*}}, %{{.*}} : f16
// CHECK: approx.mulf #approx.precision<7> %{{.*}}, %{{.*}} : bf16
// CHECK: approx.mulf #approx.precision<52> %{{.*}}, %{{.*}} : f64
// CHECK: approx.mulf #approx.precision<4> %{{.*}}, %{{.*}} : vector<16xf32>
// CHECK: approx.mulf #approx.precision<23> %{{.*}}, %{{.*}} : tensor<?x8xf32>
func.func @element_types(%h: f16, %bf: bf16, %d: f64, %v: vector<16xf32>,
                         %t: tensor<?x8xf32>)
    -> (f16, bf16, f64, vector<16xf32>, tensor<?x8xf32>) {
  %0 = approx.mulf #approx.precision<10> %h, %h : f16
  %1 = approx.mulf #approx.precision<7> %bf, %bf : bf16
  %2 = approx.mulf #approx.precision<52> %d, %d : f64
  %3 = approx.mulf #approx.precision<4> %v, %v : vector<16xf32>
  %4 = approx.mulf #approx.precision<23> %t, %t : tensor<?x8xf32>
  return %0, %1, %2, %3, %4 : f16, bf16, f64, vector<16xf32>, tensor<?x8xf32>
}

// CHECK-LABEL: func.func @reduce_precision
// CHECK: approx.reduce_precision #approx.precision<8> %{{.*}} : tensor<64x784xf32>
// CHECK: approx.reduce_precision #approx.precision<3, nearest_even> %{{.*}} : f16
// The operand number is optional (absent means 0).
// CHECK: approx.reduce_precision #approx.precision<5, stochastic, seed = 7> %{{.*}} {operand_number = 1 : i32} : tensor<4x4xf32>
// CHECK: approx.reduce_precision #approx.precision<5, stochastic, seed = 7> %{{.*}} {operand_number = 0 : i32} : tensor<4x4xf32>
// GENERIC-LABEL: sym_name = "reduce_precision"
// GENERIC: "approx.reduce_precision"(%{{.*}}) <{multiplier = #approx.precision<8>}> : (tensor<64x784xf32>) -> tensor<64x784xf32>
// GENERIC: "approx.reduce_precision"(%{{.*}}) <{multiplier = #approx.precision<5, stochastic, seed = 7>, operand_number = 1 : i32}> : (tensor<4x4xf32>) -> tensor<4x4xf32>
func.func @reduce_precision(%x: tensor<64x784xf32>, %h: f16, %w: tensor<4x4xf32>)
    -> (tensor<64x784xf32>, f16, tensor<4x4xf32>, tensor<4x4xf32>) {
  %0 = approx.reduce_precision #approx.precision<8> %x : tensor<64x784xf32>
  %1 = approx.reduce_precision #approx.precision<3, nearest_even> %h : f16
  %2 = approx.reduce_precision #approx.precision<5, stochastic, seed = 7> %w {operand_number = 1 : i32} : tensor<4x4xf32>
  %3 = approx.reduce_precision #approx.precision<5, stochastic, seed = 7> %w {operand_number = 0 : i32} : tensor<4x4xf32>
  return %0, %1, %2, %3 : tensor<64x784xf32>, f16, tensor<4x4xf32>, tensor<4x4xf32>
}

// Inside a linalg.generic body, where lowerings put it.
// CHECK-LABEL: func.func @in_generic
// CHECK: linalg.generic
// CHECK: approx.mulf #approx.precision<8> %{{.*}}, %{{.*}} : f32
func.func @in_generic(%a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<4xf32> {
  %r = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>,
                                        affine_map<(i) -> (i)>],
                       iterator_types = ["parallel"]}
      ins(%a, %b : tensor<4xf32>, tensor<4xf32>) outs(%a : tensor<4xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %p = approx.mulf #approx.precision<8> %x, %y : f32
    linalg.yield %p : f32
  } -> tensor<4xf32>
  return %r : tensor<4xf32>
}

// CHECK-LABEL: func.func @matmul
// CHECK: approx.matmul #approx.precision<8> %{{.*}}, %{{.*}}, %{{.*}} : tensor<64x784xf32>, tensor<784x512xf32> -> tensor<64x512xf32>
// CHECK: approx.matmul #approx.precision<4> %{{.*}}, %{{.*}}, %{{.*}} : tensor<?x784xf32>, tensor<784x?xf32> -> tensor<?x?xf32>
// CHECK: approx.matmul #approx.precision<10> %{{.*}}, %{{.*}}, %{{.*}} : tensor<2x3xf16>, tensor<3x4xf16> -> tensor<2x4xf16>
// GENERIC-LABEL: sym_name = "matmul"
// GENERIC: "approx.matmul"(%{{.*}}, %{{.*}}, %{{.*}}) <{multiplier = #approx.precision<8>}> : (tensor<64x784xf32>, tensor<784x512xf32>, tensor<64x512xf32>) -> tensor<64x512xf32>
func.func @matmul(%a: tensor<64x784xf32>, %b: tensor<784x512xf32>, %c: tensor<64x512xf32>,
                  %da: tensor<?x784xf32>, %db: tensor<784x?xf32>, %dc: tensor<?x?xf32>,
                  %ha: tensor<2x3xf16>, %hb: tensor<3x4xf16>, %hc: tensor<2x4xf16>)
    -> (tensor<64x512xf32>, tensor<?x?xf32>, tensor<2x4xf16>) {
  %0 = approx.matmul #approx.precision<8> %a, %b, %c
      : tensor<64x784xf32>, tensor<784x512xf32> -> tensor<64x512xf32>
  %1 = approx.matmul #approx.precision<4> %da, %db, %dc
      : tensor<?x784xf32>, tensor<784x?xf32> -> tensor<?x?xf32>
  %2 = approx.matmul #approx.precision<10> %ha, %hb, %hc
      : tensor<2x3xf16>, tensor<3x4xf16> -> tensor<2x4xf16>
  return %0, %1, %2 : tensor<64x512xf32>, tensor<?x?xf32>, tensor<2x4xf16>
}

// A dynamic size matches any static one, also in the reduction dimension.
// CHECK-LABEL: func.func @batch_matmul
// CHECK: approx.batch_matmul #approx.precision<4> %{{.*}}, %{{.*}}, %{{.*}} : tensor<8x16x32xf32>, tensor<8x32x4xf32> -> tensor<8x16x4xf32>
// CHECK: approx.batch_matmul #approx.precision<4> %{{.*}}, %{{.*}}, %{{.*}} : tensor<?x16x?xf32>, tensor<8x32x4xf32> -> tensor<8x16x4xf32>
func.func @batch_matmul(%a: tensor<8x16x32xf32>, %b: tensor<8x32x4xf32>, %c: tensor<8x16x4xf32>,
                        %da: tensor<?x16x?xf32>) -> (tensor<8x16x4xf32>, tensor<8x16x4xf32>) {
  %0 = approx.batch_matmul #approx.precision<4> %a, %b, %c
      : tensor<8x16x32xf32>, tensor<8x32x4xf32> -> tensor<8x16x4xf32>
  %1 = approx.batch_matmul #approx.precision<4> %da, %b, %c
      : tensor<?x16x?xf32>, tensor<8x32x4xf32> -> tensor<8x16x4xf32>
  return %0, %1 : tensor<8x16x4xf32>, tensor<8x16x4xf32>
}

// Default strides, dilations and groups (1) are not printed.
// 32x32 input, 5x5 kernel: 28x28. Stride 2, dilation 2 on 32x31 with a 3x3
// kernel: (32 - 5) / 2 + 1 = 14 and (31 - 5) / 2 + 1 = 14.
// Grouped: 4 input channels in 2 groups, 6 filters of 2 channels each.
// CHECK-LABEL: func.func @conv2d
// CHECK: approx.conv2d #approx.precision<8> %{{.*}}, %{{.*}}, %{{.*}} : tensor<?x1x32x32xf32>, tensor<6x1x5x5xf32> -> tensor<?x6x28x28xf32>
// CHECK: approx.conv2d #approx.precision<8> %{{.*}}, %{{.*}}, %{{.*}} {dilations = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<1x3x32x31xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x14x14xf32>
// CHECK: approx.conv2d #approx.precision<8> %{{.*}}, %{{.*}}, %{{.*}} {groups = 2 : i64} : tensor<2x4x8x8xf32>, tensor<6x2x3x3xf32> -> tensor<2x6x6x6xf32>
// GENERIC-LABEL: sym_name = "conv2d"
// GENERIC: "approx.conv2d"(%{{.*}}, %{{.*}}, %{{.*}}) <{dilations = array<i64: 1, 1>, groups = 1 : i64, multiplier = #approx.precision<8>, strides = array<i64: 1, 1>}>
func.func @conv2d(%x: tensor<?x1x32x32xf32>, %w: tensor<6x1x5x5xf32>, %acc: tensor<?x6x28x28xf32>,
                  %x2: tensor<1x3x32x31xf32>, %w2: tensor<4x3x3x3xf32>, %acc2: tensor<1x4x14x14xf32>,
                  %x3: tensor<2x4x8x8xf32>, %w3: tensor<6x2x3x3xf32>, %acc3: tensor<2x6x6x6xf32>)
    -> (tensor<?x6x28x28xf32>, tensor<1x4x14x14xf32>, tensor<2x6x6x6xf32>) {
  %0 = approx.conv2d #approx.precision<8> %x, %w, %acc
      {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, groups = 1}
      : tensor<?x1x32x32xf32>, tensor<6x1x5x5xf32> -> tensor<?x6x28x28xf32>
  %1 = approx.conv2d #approx.precision<8> %x2, %w2, %acc2
      {strides = array<i64: 2, 2>, dilations = array<i64: 2, 2>}
      : tensor<1x3x32x31xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x14x14xf32>
  %2 = approx.conv2d #approx.precision<8> %x3, %w3, %acc3 {groups = 2}
      : tensor<2x4x8x8xf32>, tensor<6x2x3x3xf32> -> tensor<2x6x6x6xf32>
  return %0, %1, %2 : tensor<?x6x28x28xf32>, tensor<1x4x14x14xf32>, tensor<2x6x6x6xf32>
}

// #approx.runtime_precision has no parameters; m is a function argument.
// CHECK-LABEL: func.func @runtime_precision
// CHECK-SAME: %{{.*}}: tensor<i64> {approx.mantissa_bits}
// CHECK: approx.mulf #approx.runtime_precision %{{.*}}, %{{.*}} : f32
// CHECK: approx.matmul #approx.runtime_precision
// GENERIC-LABEL: sym_name = "runtime_precision"
// GENERIC: "approx.mulf"(%{{.*}}, %{{.*}}) <{multiplier = #approx.runtime_precision}> : (f32, f32) -> f32
func.func @runtime_precision(%a: f32, %b: f32, %x: tensor<2x3xf32>,
                             %w: tensor<3x4xf32>, %acc: tensor<2x4xf32>,
                             %m: tensor<i64> {approx.mantissa_bits})
    -> (f32, tensor<2x4xf32>) {
  %0 = approx.mulf #approx.runtime_precision %a, %b : f32
  %1 = approx.matmul #approx.runtime_precision %x, %w, %acc : tensor<2x3xf32>, tensor<3x4xf32> -> tensor<2x4xf32>
  return %0, %1 : f32, tensor<2x4xf32>
}

// #approx.mitchell: compensation 0 (the default) is not printed, and the
// attribute then has no brackets.
// CHECK-LABEL: func.func @mitchell_forms
// CHECK: approx.mulf #approx.mitchell %{{.*}}, %{{.*}} : f32
// CHECK: approx.mulf #approx.mitchell %{{.*}}, %{{.*}} : f32
// CHECK: approx.mulf #approx.mitchell<compensation = 4> %{{.*}}, %{{.*}} : tensor<4xf32>
// CHECK: approx.matmul #approx.mitchell<compensation = 23> %{{.*}}, %{{.*}}, %{{.*}} : tensor<2x3xf32>, tensor<3x4xf32> -> tensor<2x4xf32>
// CHECK: approx.conv2d #approx.mitchell<compensation = 1> %{{.*}}, %{{.*}}, %{{.*}} {groups = 2 : i64} : tensor<2x4x8x8xf32>, tensor<6x2x3x3xf32> -> tensor<2x6x6x6xf32>
// GENERIC-LABEL: sym_name = "mitchell_forms"
// GENERIC: "approx.mulf"(%{{.*}}, %{{.*}}) <{multiplier = #approx.mitchell}> : (f32, f32) -> f32
// GENERIC: "approx.mulf"(%{{.*}}, %{{.*}}) <{multiplier = #approx.mitchell<compensation = 4>}> : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
func.func @mitchell_forms(%a: f32, %t: tensor<4xf32>, %x: tensor<2x3xf32>,
                          %w: tensor<3x4xf32>, %acc: tensor<2x4xf32>,
                          %x3: tensor<2x4x8x8xf32>, %w3: tensor<6x2x3x3xf32>,
                          %acc3: tensor<2x6x6x6xf32>)
    -> (f32, f32, tensor<4xf32>, tensor<2x4xf32>, tensor<2x6x6x6xf32>) {
  %0 = approx.mulf #approx.mitchell %a, %a : f32
  %1 = approx.mulf #approx.mitchell<compensation = 0> %a, %a : f32
  %2 = approx.mulf #approx.mitchell<compensation = 4> %t, %t : tensor<4xf32>
  %3 = approx.matmul #approx.mitchell<compensation = 23> %x, %w, %acc
      : tensor<2x3xf32>, tensor<3x4xf32> -> tensor<2x4xf32>
  %4 = approx.conv2d #approx.mitchell<compensation = 1> %x3, %w3, %acc3 {groups = 2}
      : tensor<2x4x8x8xf32>, tensor<6x2x3x3xf32> -> tensor<2x6x6x6xf32>
  return %0, %1, %2, %3, %4 : f32, f32, tensor<4xf32>, tensor<2x4xf32>, tensor<2x6x6x6xf32>
}

// #approx.mantissa_table: the bits and the table, printed as written (a
// one-entry table prints as a splat).
// CHECK-LABEL: func.func @mantissa_table_forms
// CHECK: approx.mulf #approx.mantissa_table<1, dense<{{\[\[}}4, 6], [6, 9]]> : tensor<2x2xi32>> %{{.*}}, %{{.*}} : f32
// CHECK: approx.matmul #approx.mantissa_table<0, dense<2> : tensor<1x1xi32>> %{{.*}}, %{{.*}}, %{{.*}} : tensor<2x3xf32>, tensor<3x4xf32> -> tensor<2x4xf32>
// GENERIC-LABEL: sym_name = "mantissa_table_forms"
// GENERIC: "approx.mulf"(%{{.*}}, %{{.*}}) <{multiplier = #approx.mantissa_table<1, dense<{{\[\[}}4, 6], [6, 9]]> : tensor<2x2xi32>>}> : (f32, f32) -> f32
func.func @mantissa_table_forms(%a: f32, %x: tensor<2x3xf32>, %w: tensor<3x4xf32>,
                                %acc: tensor<2x4xf32>) -> (f32, tensor<2x4xf32>) {
  %0 = approx.mulf #approx.mantissa_table<1, dense<[[4, 6], [6, 9]]> : tensor<2x2xi32>> %a, %a : f32
  %1 = approx.matmul #approx.mantissa_table<0, dense<2> : tensor<1x1xi32>> %x, %w, %acc
      : tensor<2x3xf32>, tensor<3x4xf32> -> tensor<2x4xf32>
  return %0, %1 : f32, tensor<2x4xf32>
}
