func.func @sce_grad_dloss(%l: tensor<?x10xf32>, %t: tensor<?xi64>, %d: tensor<1xf32>) {
  %0 = nn.softmax_cross_entropy_grad %l, %t, %d : (tensor<?x10xf32>, tensor<?xi64>, tensor<1xf32>) -> tensor<?x10xf32>
  return
}
