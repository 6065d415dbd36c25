func.func @batch_norm_training_channels(%x: tensor<?x3x4x4xf32>, %s: tensor<3xf32>, %r: tensor<4xf32>) {
  %y:5 = nn.batch_norm_training %x, %s, %s, %s, %r {epsilon = 1.0e-5 : f32, momentum = 0.9 : f32} : (tensor<?x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<4xf32>) -> (tensor<?x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>)
  return
}
