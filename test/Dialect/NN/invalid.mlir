// Verifier errors of the nn ops that do not infer their result type, and
// operand/attribute constraints shared by all ops.
// RUN: framnn-opt %s -split-input-file -verify-diagnostics

func.func @dropout_ratio_one(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'nn.dropout' op ratio must be in [0, 1), got 1}}
  %0 = nn.dropout %x {ratio = 1.0 : f32} : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @dropout_ratio_negative(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'nn.dropout' op ratio must be in [0, 1), got -1.000000e-01}}
  %0 = nn.dropout %x {ratio = -0.1 : f32} : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @dropout_ratio_nan(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'nn.dropout' op ratio must be in [0, 1), got nan}}
  %0 = nn.dropout %x {ratio = 0x7FC00000 : f32} : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @softmax_axis(%x: tensor<?x10xf32>) -> tensor<?x10xf32> {
  // expected-error @+1 {{'nn.softmax' op axis 2 is out of range [-2, 2) for rank 2}}
  %0 = nn.softmax %x {axis = 2 : i64} : tensor<?x10xf32>
  return %0 : tensor<?x10xf32>
}

// -----

func.func @softmax_negative_axis(%x: tensor<?x10xf32>) -> tensor<?x10xf32> {
  // expected-error @+1 {{'nn.softmax' op axis -3 is out of range [-2, 2) for rank 2}}
  %0 = nn.softmax %x {axis = -3 : i64} : tensor<?x10xf32>
  return %0 : tensor<?x10xf32>
}

// -----

func.func @log_softmax_axis(%x: tensor<f32>) -> tensor<f32> {
  // expected-error @+1 {{'nn.log_softmax' op axis 0 is out of range [0, 0) for rank 0}}
  %0 = nn.log_softmax %x {axis = 0 : i64} : tensor<f32>
  return %0 : tensor<f32>
}

// -----

func.func @unary_type_change(%x: tensor<?x10xf32>) -> tensor<?x5xf32> {
  // expected-error @+1 {{'nn.relu' op requires the same type for all operands and results}}
  %0 = "nn.relu"(%x) : (tensor<?x10xf32>) -> tensor<?x5xf32>
  return %0 : tensor<?x5xf32>
}

// -----

func.func @not_f32(%x: tensor<4xf16>) -> tensor<4xf16> {
  // expected-error @+1 {{'nn.sigmoid' op operand #0 must be ranked tensor of 32-bit float values, but got 'tensor<4xf16>'}}
  %0 = nn.sigmoid %x : tensor<4xf16>
  return %0 : tensor<4xf16>
}

// -----

func.func @unranked(%x: tensor<*xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{'nn.flatten' op operand #0 must be ranked tensor of 32-bit float values, but got 'tensor<*xf32>'}}
  %0 = nn.flatten %x {axis = 1 : i64} : (tensor<*xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @missing_attribute(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'nn.leaky_relu' op requires attribute 'alpha'}}
  %0 = nn.leaky_relu %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// Integer constants exist (Gather indices), but only of the nn types.
func.func @constant_i16() -> tensor<2xi16> {
  // expected-error @+1 {{'nn.constant' op result #0 must be ranked tensor of 32-bit float or 64-bit signless integer or 32-bit signless integer or 1-bit signless integer values, but got 'tensor<2xi16>'}}
  %0 = nn.constant dense<[1, 2]> : tensor<2xi16>
  return %0 : tensor<2xi16>
}

// -----

func.func @constant_vector() -> vector<2xf32> {
  // expected-error @+1 {{'nn.constant' op result #0 must be ranked tensor of 32-bit float or 64-bit signless integer or 32-bit signless integer or 1-bit signless integer values, but got 'vector<2xf32>'}}
  %0 = nn.constant dense<[1.0, 2.0]> : vector<2xf32>
  return %0 : vector<2xf32>
}

// -----

func.func @constant_type_mismatch() -> tensor<3xf32> {
  // expected-error @+1 {{'nn.constant' op failed to verify that all of {value, result} have same type}}
  %0 = "nn.constant"() <{value = dense<[1.0, 2.0]> : tensor<2xf32>}> : () -> tensor<3xf32>
  return %0 : tensor<3xf32>
}
