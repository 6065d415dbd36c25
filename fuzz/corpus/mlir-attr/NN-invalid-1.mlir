func.func @dropout_ratio_negative(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = nn.dropout %x {ratio = -0.1 : f32} : tensor<4xf32>
  return %0 : tensor<4xf32>
}
