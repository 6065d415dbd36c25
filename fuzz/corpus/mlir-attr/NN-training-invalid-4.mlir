func.func @sce_grad_infer(%l: tensor<?x10xf32>, %t: tensor<8xi64>, %d: tensor<f32>) {
  %0 = nn.softmax_cross_entropy_grad %l, %t, %d : (tensor<?x10xf32>, tensor<8xi64>, tensor<f32>) -> tensor<1xf32>
  return
}
