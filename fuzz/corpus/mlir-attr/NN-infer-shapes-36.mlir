func.func @concat_36(%a: tensor<2x3xf32>, %b: tensor<?x3xf32>) {
  %0 = nn.concat %a, %b {axis = 0 : i64} : (tensor<2x3xf32>, tensor<?x3xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}
