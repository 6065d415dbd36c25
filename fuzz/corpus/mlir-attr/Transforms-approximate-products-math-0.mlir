func.func @f(%x: tensor<?x8xf32>, %s: tensor<8xf32>, %e: tensor<f32>) -> tensor<?x1xf32> {
  %0 = nn.erf %x : tensor<?x8xf32>
  %1 = nn.pow %0, %e : (tensor<?x8xf32>, tensor<f32>) -> tensor<?x8xf32>
  %2 = nn.mul %1, %x : (tensor<?x8xf32>, tensor<?x8xf32>) -> tensor<?x8xf32>
  %y, %m, %i = nn.layer_norm %2, %s {axis = -1 : i64, epsilon = 1.0e-5 : f32}
      : (tensor<?x8xf32>, tensor<8xf32>) -> (tensor<?x8xf32>, tensor<?x1xf32>, tensor<?x1xf32>)
  %3 = nn.reduce_mean %y {axes = array<i64: 1>, keepdims = true} : (tensor<?x8xf32>) -> tensor<?x1xf32>
  %4 = nn.clip %3 max %e : (tensor<?x1xf32>, tensor<f32>) -> tensor<?x1xf32>
  return %4 : tensor<?x1xf32>
}
