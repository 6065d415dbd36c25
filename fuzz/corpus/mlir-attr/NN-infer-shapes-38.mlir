func.func @concat_38(%a: tensor<2x3xf32>) {
  %0 = nn.concat %a {axis = 0 : i64} : (tensor<2x3xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}
