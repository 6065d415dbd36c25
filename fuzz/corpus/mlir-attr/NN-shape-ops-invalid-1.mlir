func.func @gather_float_indices(%t: tensor<10x4xf32>, %i: tensor<3xf32>) {
  %0 = nn.gather %t, %i {axis = 0 : i64} : (tensor<10x4xf32>, tensor<3xf32>) -> tensor<3x4xf32>
  return
}
