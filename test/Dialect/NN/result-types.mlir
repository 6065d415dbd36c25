// A written result type must agree with the inferred one: same rank, and each
// dimension equal or `?` on either side.
// RUN: framnn-opt %s -split-input-file -verify-diagnostics | FileCheck %s

// `?` written where inference knows the size, and a static size written where
// inference gives `?`, are both accepted and kept as written.
// CHECK-LABEL: func.func @dynamic_vs_static
// CHECK: nn.flatten %{{.*}} {axis = 1 : i64} : (tensor<2x16x4x4xf32>) -> tensor<?x?xf32>
// CHECK: nn.flatten %{{.*}} {axis = 1 : i64} : (tensor<?x16x4x4xf32>) -> tensor<8x256xf32>
// CHECK: nn.gemm %{{.*}}, %{{.*}} {{.*}} : (tensor<?x784xf32>, tensor<784x10xf32>) -> tensor<32x?xf32>
// CHECK: nn.conv %{{.*}}, %{{.*}} {{.*}} : (tensor<?x1x28x28xf32>, tensor<6x1x5x5xf32>) -> tensor<4x6x?x24xf32>
// CHECK: nn.add %{{.*}}, %{{.*}} : (tensor<?x4xf32>, tensor<1x4xf32>) -> tensor<5x4xf32>
func.func @dynamic_vs_static(%a: tensor<2x16x4x4xf32>, %b: tensor<?x16x4x4xf32>,
                             %x: tensor<?x784xf32>, %w: tensor<784x10xf32>,
                             %i: tensor<?x1x28x28xf32>, %k: tensor<6x1x5x5xf32>,
                             %p: tensor<?x4xf32>, %q: tensor<1x4xf32>) {
  %0 = nn.flatten %a {axis = 1 : i64} : (tensor<2x16x4x4xf32>) -> tensor<?x?xf32>
  %1 = nn.flatten %b {axis = 1 : i64} : (tensor<?x16x4x4xf32>) -> tensor<8x256xf32>
  %2 = nn.gemm %x, %w {alpha = 1.0 : f32, beta = 1.0 : f32, transA = false, transB = false}
      : (tensor<?x784xf32>, tensor<784x10xf32>) -> tensor<32x?xf32>
  %3 = nn.conv %i, %k {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>,
                       dilations = array<i64: 1, 1>, group = 1 : i64}
      : (tensor<?x1x28x28xf32>, tensor<6x1x5x5xf32>) -> tensor<4x6x?x24xf32>
  %4 = nn.add %p, %q : (tensor<?x4xf32>, tensor<1x4xf32>) -> tensor<5x4xf32>
  return
}

// -----

func.func @static_mismatch(%x: tensor<?x1x28x28xf32>, %w: tensor<6x1x5x5xf32>) {
  // expected-error @+2 {{'nn.conv' op inferred type(s) 'tensor<?x6x24x24xf32>' are incompatible with return type(s) of operation 'tensor<?x6x28x28xf32>'}}
  // expected-error @+1 {{'nn.conv' op failed to infer returned types}}
  %0 = nn.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>,
                       dilations = array<i64: 1, 1>, group = 1 : i64}
      : (tensor<?x1x28x28xf32>, tensor<6x1x5x5xf32>) -> tensor<?x6x28x28xf32>
  return
}

// -----

func.func @rank_mismatch(%x: tensor<?x16x4x4xf32>) {
  // expected-error @+2 {{'nn.reshape' op inferred type(s) 'tensor<?x256xf32>' are incompatible with return type(s) of operation 'tensor<?x16x16xf32>'}}
  // expected-error @+1 {{'nn.reshape' op failed to infer returned types}}
  %0 = nn.reshape %x {shape = array<i64: 0, -1>, allowzero = false}
      : (tensor<?x16x4x4xf32>) -> tensor<?x16x16xf32>
  return
}

// -----

// ceil_mode matters: floor mode gives 2x3, not torch's ceil_mode 3x3.
func.func @ceil_mode_mismatch(%x: tensor<?x2x6x7xf32>) {
  // expected-error @+2 {{'nn.max_pool' op inferred type(s) 'tensor<?x2x2x3xf32>' are incompatible with return type(s) of operation 'tensor<?x2x3x3xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.max_pool %x {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>,
                       pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>,
                       ceil_mode = false}
      : (tensor<?x2x6x7xf32>) -> tensor<?x2x3x3xf32>
  return
}

// -----

func.func @broadcast_result_mismatch(%a: tensor<?x1x5xf32>, %b: tensor<3x1xf32>) {
  // expected-error @+2 {{'nn.mul' op inferred type(s) 'tensor<?x3x5xf32>' are incompatible with return type(s) of operation 'tensor<?x1x5xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.mul %a, %b : (tensor<?x1x5xf32>, tensor<3x1xf32>) -> tensor<?x1x5xf32>
  return
}

// -----

func.func @result_not_f32(%a: tensor<4xf32>) {
  // expected-error @+1 {{'nn.add' op result #0 must be ranked tensor of 32-bit float values, but got 'tensor<4xf16>'}}
  %0 = nn.add %a, %a : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf16>
  return
}
