func.func @concat_37(%a: tensor<?x3xf32>, %b: tensor<2x?xf32>) {
  %0 = nn.concat %a, %b {axis = -1 : i64} : (tensor<?x3xf32>, tensor<2x?xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}
