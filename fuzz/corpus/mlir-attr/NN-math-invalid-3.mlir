func.func @clip_grad_shapes(%x: tensor<4xf32>, %g: tensor<5xf32>) -> tensor<4xf32> {
  %0 = nn.clip_grad %x, %g : (tensor<4xf32>, tensor<5xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
