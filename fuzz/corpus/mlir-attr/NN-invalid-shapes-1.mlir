func.func @batch_norm_channels(%x: tensor<?x3x4x4xf32>, %s: tensor<3xf32>, %m: tensor<4xf32>) {
  %0 = nn.batch_norm %x, %s, %s, %m, %s {epsilon = 1.0e-5 : f32, momentum = 0.9 : f32} : (tensor<?x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>, tensor<4xf32>, tensor<3xf32>) -> tensor<?x3x4x4xf32>
  return
}
