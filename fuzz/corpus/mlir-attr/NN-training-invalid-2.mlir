func.func @sce_labels_type(%l: tensor<4x10xf32>, %t: tensor<4xi32>) {
  %0 = nn.softmax_cross_entropy %l, %t : (tensor<4x10xf32>, tensor<4xi32>) -> tensor<f32>
  return
}
