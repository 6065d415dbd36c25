func.func @batch_norm_param_rank(%x: tensor<2x?x4x4xf32>, %s: tensor<3x3xf32>) {
  %0 = nn.batch_norm %x, %s, %s, %s, %s {epsilon = 1.0e-5 : f32, momentum = 0.9 : f32} : (tensor<2x?x4x4xf32>, tensor<3x3xf32>, tensor<3x3xf32>, tensor<3x3xf32>, tensor<3x3xf32>) -> tensor<2x?x4x4xf32>
  return
}
