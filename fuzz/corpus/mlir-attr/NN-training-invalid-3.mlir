func.func @sce_result(%l: tensor<?x10xf32>, %t: tensor<?xi64>) {
  %0 = nn.softmax_cross_entropy %l, %t : (tensor<?x10xf32>, tensor<?xi64>) -> tensor<1xf32>
  return
}
