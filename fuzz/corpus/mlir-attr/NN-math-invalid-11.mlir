func.func @layer_norm_stats(%x: tensor<?x4xf32>, %s: tensor<4xf32>) -> tensor<?x4xf32> {
  %y, %m, %i = nn.layer_norm %x, %s {axis = 1 : i64, epsilon = 1.0e-5 : f32}
      : (tensor<?x4xf32>, tensor<4xf32>) -> (tensor<?x4xf32>, tensor<?xf32>, tensor<?x1xf32>)
  return %y : tensor<?x4xf32>
}
