func.func @sce_logits_rank(%l: tensor<10xf32>, %t: tensor<?xi64>) {
  %0 = nn.softmax_cross_entropy %l, %t : (tensor<10xf32>, tensor<?xi64>) -> tensor<f32>
  return
}
