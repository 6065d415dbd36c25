func.func @layer_norm_bias(%x: tensor<?x4x3xf32>, %s: tensor<4x3xf32>, %b: tensor<3xf32>) -> tensor<?x4x3xf32> {
  %y, %m, %i = nn.layer_norm %x, %s, %b {axis = 1 : i64, epsilon = 1.0e-5 : f32}
      : (tensor<?x4x3xf32>, tensor<4x3xf32>, tensor<3xf32>) -> (tensor<?x4x3xf32>, tensor<?x1x1xf32>, tensor<?x1x1xf32>)
  return %y : tensor<?x4x3xf32>
}
