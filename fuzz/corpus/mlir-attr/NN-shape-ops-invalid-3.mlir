func.func @gather_grad_shape(%t: tensor<10x4xf32>, %i: tensor<3xi64>, %dy: tensor<2x4xf32>) {
  %0 = nn.gather_grad %t, %i, %dy {axis = 0 : i64} : (tensor<10x4xf32>, tensor<3xi64>, tensor<2x4xf32>) -> tensor<10x4xf32>
  return
}
