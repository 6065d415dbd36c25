func.func @leaky_relu_grad_infer(%x: tensor<?x4xf32>, %dy: tensor<3x?xf32>) {
  %0 = nn.leaky_relu_grad %x, %dy {alpha = 0.1 : f32} : (tensor<?x4xf32>, tensor<3x?xf32>) -> tensor<1xf32>
  return
}
