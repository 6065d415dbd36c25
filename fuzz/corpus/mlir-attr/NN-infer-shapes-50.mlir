func.func @sub_50(%a: tensor<?x4xf32>, %b: tensor<1x4xf32>) {
  %0 = nn.sub %a, %b : (tensor<?x4xf32>, tensor<1x4xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}
