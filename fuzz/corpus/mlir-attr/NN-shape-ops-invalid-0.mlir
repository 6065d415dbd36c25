func.func @gather_axis(%t: tensor<10x4xf32>, %i: tensor<3xi64>) {
  %0 = nn.gather %t, %i {axis = 2 : i64} : (tensor<10x4xf32>, tensor<3xi64>) -> tensor<3x4xf32>
  return
}
