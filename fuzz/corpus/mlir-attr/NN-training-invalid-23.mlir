func.func @batch_norm_training_grad_shapes(%dy: tensor<?x3x4x4xf32>, %x: tensor<?x3x4x5xf32>, %s: tensor<3xf32>) {
  %g:3 = nn.batch_norm_training_grad %dy, %x, %s, %s, %s {epsilon = 1.0e-5 : f32} : (tensor<?x3x4x4xf32>, tensor<?x3x4x5xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> (tensor<?x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>)
  return
}
