func.func @sce_batch(%l: tensor<4x10xf32>, %t: tensor<3xi64>) {
  %0 = nn.softmax_cross_entropy %l, %t : (tensor<4x10xf32>, tensor<3xi64>) -> tensor<f32>
  return
}
