func.func @concat_axis(%a: tensor<2x3xf32>) {
  %0 = nn.concat %a, %a {axis = -3 : i64} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<4x3xf32>
  return
}
