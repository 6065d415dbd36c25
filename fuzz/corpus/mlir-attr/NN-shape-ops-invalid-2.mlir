func.func @gather_result(%t: tensor<10x4xf32>, %i: tensor<3xi64>) {
  %0 = nn.gather %t, %i {axis = 0 : i64} : (tensor<10x4xf32>, tensor<3xi64>) -> tensor<4x3xf32>
  return
}
