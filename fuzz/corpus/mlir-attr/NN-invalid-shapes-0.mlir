func.func @batch_norm_rank(%x: tensor<4xf32>, %s: tensor<4xf32>) {
  %0 = nn.batch_norm %x, %s, %s, %s, %s {epsilon = 1.0e-5 : f32, momentum = 0.9 : f32} : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return
}
