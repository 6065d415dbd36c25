func.func @concat_size(%a: tensor<2x9223372036854775807xf32>, %b: tensor<2x1xf32>) {
  %0 = nn.concat %a, %b {axis = 1 : i64} : (tensor<2x9223372036854775807xf32>, tensor<2x1xf32>) -> tensor<2x1xf32>
  return
}
