// Verifier and shape-inference errors of the ops with integer operands, and
// the f32-only rule for every other op.
// RUN: framnn-opt %s -split-input-file -verify-diagnostics

func.func @gather_axis(%t: tensor<10x4xf32>, %i: tensor<3xi64>) {
  // expected-error @+2 {{'nn.gather' op axis 2 is out of range [-2, 2) for rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.gather %t, %i {axis = 2 : i64} : (tensor<10x4xf32>, tensor<3xi64>) -> tensor<3x4xf32>
  return
}

// -----

func.func @gather_float_indices(%t: tensor<10x4xf32>, %i: tensor<3xf32>) {
  // expected-error @+1 {{'nn.gather' op operand #1 must be ranked tensor of 64-bit signless integer or 32-bit signless integer values, but got 'tensor<3xf32>'}}
  %0 = nn.gather %t, %i {axis = 0 : i64} : (tensor<10x4xf32>, tensor<3xf32>) -> tensor<3x4xf32>
  return
}

// -----

func.func @gather_result(%t: tensor<10x4xf32>, %i: tensor<3xi64>) {
  // expected-error @+2 {{'nn.gather' op inferred type(s) 'tensor<3x4xf32>' are incompatible with return type(s) of operation 'tensor<4x3xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.gather %t, %i {axis = 0 : i64} : (tensor<10x4xf32>, tensor<3xi64>) -> tensor<4x3xf32>
  return
}

// -----

func.func @gather_grad_shape(%t: tensor<10x4xf32>, %i: tensor<3xi64>, %dy: tensor<2x4xf32>) {
  // expected-error @+2 {{'nn.gather_grad' op grad 'tensor<2x4xf32>' does not have the gather's result shape [3, 4]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.gather_grad %t, %i, %dy {axis = 0 : i64} : (tensor<10x4xf32>, tensor<3xi64>, tensor<2x4xf32>) -> tensor<10x4xf32>
  return
}

// -----

func.func @where_types(%c: tensor<4xi1>, %x: tensor<4xf32>, %y: tensor<4xi64>) {
  // expected-error @+2 {{'nn.where' op x and y must have the same element type, got 'tensor<4xf32>' and 'tensor<4xi64>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.where %c, %x, %y : (tensor<4xi1>, tensor<4xf32>, tensor<4xi64>) -> tensor<4xf32>
  return
}

// -----

func.func @where_condition(%c: tensor<4xf32>, %x: tensor<4xf32>) {
  // expected-error @+1 {{'nn.where' op operand #0 must be ranked tensor of 1-bit signless integer values, but got 'tensor<4xf32>'}}
  %0 = nn.where %c, %x, %x : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @where_broadcast(%c: tensor<3xi1>, %x: tensor<4xf32>) {
  // expected-error @+2 {{'nn.where' op operands are not broadcast-compatible: 'tensor<3xi1>', 'tensor<4xf32>', 'tensor<4xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.where %c, %x, %x : (tensor<3xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @equal_types(%a: tensor<4xi64>, %b: tensor<4xi32>) {
  // expected-error @+2 {{'nn.equal' op operands must have the same element type, got 'tensor<4xi64>' and 'tensor<4xi32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.equal %a, %b : (tensor<4xi64>, tensor<4xi32>) -> tensor<4xi1>
  return
}

// -----

func.func @cast_to(%a: tensor<4xi64>) {
  // expected-error @+2 {{'nn.cast' op to must be f32, i64, i32 or i1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.cast %a {to = f64} : (tensor<4xi64>) -> tensor<4xi64>
  return
}

// -----

func.func @expand_incompatible(%v: tensor<3x4xf32>) {
  // expected-error @+2 {{'nn.expand' op cannot expand 'tensor<3x4xf32>' to shape [2, 4]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.expand %v {shape = array<i64: 2, 4>, source_dims = array<i64>} : (tensor<3x4xf32>) -> tensor<3x4xf32>
  return
}

// -----

func.func @expand_sources(%v: tensor<3x4xf32>) {
  // expected-error @+2 {{'nn.expand' op shape [-1, 4] has more -1 entries than dim_sources}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.expand %v {shape = array<i64: -1, 4>, source_dims = array<i64>} : (tensor<3x4xf32>) -> tensor<3x4xf32>
  return
}

// -----

func.func @expand_source_dim(%v: tensor<1x4xf32>, %x: tensor<?x4xf32>) {
  // expected-error @+2 {{'nn.expand' op source dimension 2 is out of range for 'tensor<?x4xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.expand %v, %x {shape = array<i64: -1, 4>, source_dims = array<i64: 2>} : (tensor<1x4xf32>, tensor<?x4xf32>) -> tensor<?x4xf32>
  return
}

// -----

// Every op outside NNShapeOps.td stays f32.
func.func @relu_i64(%a: tensor<4xi64>) {
  // expected-error @+1 {{'nn.relu' op operand #0 must be ranked tensor of 32-bit float values, but got 'tensor<4xi64>'}}
  %0 = nn.relu %a : tensor<4xi64>
  return
}

// -----

func.func @add_i64(%a: tensor<4xi64>) {
  // expected-error @+1 {{'nn.add' op operand #0 must be ranked tensor of 32-bit float values, but got 'tensor<4xi64>'}}
  %0 = nn.add %a, %a : (tensor<4xi64>, tensor<4xi64>) -> tensor<4xi64>
  return
}
