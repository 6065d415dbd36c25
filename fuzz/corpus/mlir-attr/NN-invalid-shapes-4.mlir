func.func @sub_broadcast_trailing(%a: tensor<?x3xf32>, %b: tensor<2xf32>) {
  %0 = nn.sub %a, %b : (tensor<?x3xf32>, tensor<2xf32>) -> tensor<?x3xf32>
  return
}
