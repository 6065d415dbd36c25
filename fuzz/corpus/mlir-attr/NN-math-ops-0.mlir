func.func @unary(%x: tensor<?x10xf32>) -> tensor<?x10xf32> {
  %0 = nn.erf %x : tensor<?x10xf32>
  %1 = nn.sqrt %0 : tensor<?x10xf32>
  %2 = nn.neg %1 : tensor<?x10xf32>
  %3 = nn.reciprocal %2 : tensor<?x10xf32>
  %4 = nn.log %3 : tensor<?x10xf32>
  return %4 : tensor<?x10xf32>
}

func.func @pow(%a: tensor<?x1x5xf32>, %b: tensor<3x1xf32>, %e: tensor<f32>) -> tensor<?x3x5xf32> {
  %0 = nn.pow %a, %b : (tensor<?x1x5xf32>, tensor<3x1xf32>) -> tensor<?x3x5xf32>
  %1 = nn.pow %0, %e : (tensor<?x3x5xf32>, tensor<f32>) -> tensor<?x3x5xf32>
  return %1 : tensor<?x3x5xf32>
}

func.func @clip(%x: tensor<?x8xf32>, %lo: tensor<f32>, %hi: tensor<f32>, %g: tensor<4x8xf32>) -> (tensor<?x8xf32>, tensor<4x8xf32>) {
  %0 = nn.clip %x min %lo max %hi : (tensor<?x8xf32>, tensor<f32>, tensor<f32>) -> tensor<?x8xf32>
  %1 = nn.clip %0 max %hi : (tensor<?x8xf32>, tensor<f32>) -> tensor<?x8xf32>
  %2 = nn.clip %1 min %lo : (tensor<?x8xf32>, tensor<f32>) -> tensor<?x8xf32>
  %3 = nn.clip %2 : (tensor<?x8xf32>) -> tensor<?x8xf32>
  %4 = nn.clip_grad %x, %3 max %hi : (tensor<?x8xf32>, tensor<?x8xf32>, tensor<f32>) -> tensor<?x8xf32>
  %5 = nn.clip_grad %4, %g min %lo max %hi : (tensor<?x8xf32>, tensor<4x8xf32>, tensor<f32>, tensor<f32>) -> tensor<4x8xf32>
  return %4, %5 : tensor<?x8xf32>, tensor<4x8xf32>
}

func.func @reduce(%x: tensor<?x4x8xf32>) -> (tensor<?x4x1xf32>, tensor<f32>, tensor<4xf32>, tensor<?x4x8xf32>) {
  %0 = nn.reduce_mean %x {axes = array<i64: -1>, keepdims = true} : (tensor<?x4x8xf32>) -> tensor<?x4x1xf32>
  %1 = nn.reduce_mean %x {axes = array<i64>, keepdims = false} : (tensor<?x4x8xf32>) -> tensor<f32>
  %2 = nn.reduce_max %x {axes = array<i64: 0, 2>, keepdims = false} : (tensor<?x4x8xf32>) -> tensor<4xf32>
  %3 = nn.reduce_max %x {axes = array<i64: 1>, keepdims = true} : (tensor<?x4x8xf32>) -> tensor<?x1x8xf32>
  %4 = nn.reduce_max_grad %x, %3, %3 {axes = array<i64: 1>} : (tensor<?x4x8xf32>, tensor<?x1x8xf32>, tensor<?x1x8xf32>) -> tensor<?x4x8xf32>
  return %0, %1, %2, %4 : tensor<?x4x1xf32>, tensor<f32>, tensor<4xf32>, tensor<?x4x8xf32>
}

func.func @layer_norm(%x: tensor<?x16x64xf32>, %s: tensor<64xf32>, %b: tensor<64xf32>, %s2: tensor<16x?xf32>) -> (tensor<?x16x64xf32>, tensor<?x1x1xf32>) {
  %y, %m, %i = nn.layer_norm %x, %s, %b {axis = -1 : i64, epsilon = 1.0e-5 : f32}
      : (tensor<?x16x64xf32>, tensor<64xf32>, tensor<64xf32>) -> (tensor<?x16x64xf32>, tensor<?x16x1xf32>, tensor<?x16x1xf32>)
  %y2, %m2, %i2 = nn.layer_norm %y, %s2 {axis = 1 : i64, epsilon = 1.0e-3 : f32}
      : (tensor<?x16x64xf32>, tensor<16x?xf32>) -> (tensor<?x16x64xf32>, tensor<?x1x1xf32>, tensor<?x1x1xf32>)
  return %y2, %i2 : tensor<?x16x64xf32>, tensor<?x1x1xf32>
}

func.func @slice_grad(%dy: tensor<?x2x3xf32>, %x: tensor<?x4x5xf32>) -> tensor<?x4x5xf32> {
  %0 = nn.slice_grad %dy, %x {starts = array<i64: 1, -1>, ends = array<i64: 3, -9223372036854775808>,
                              axes = array<i64: 1, 2>, steps = array<i64: 1, -2>}
      : (tensor<?x2x3xf32>, tensor<?x4x5xf32>) -> tensor<?x4x5xf32>
  return %0 : tensor<?x4x5xf32>
}
