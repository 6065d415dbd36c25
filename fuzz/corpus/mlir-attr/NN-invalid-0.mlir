func.func @dropout_ratio_one(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = nn.dropout %x {ratio = 1.0 : f32} : tensor<4xf32>
  return %0 : tensor<4xf32>
}
