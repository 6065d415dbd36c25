func.func @dropout_mask_seed(%x: tensor<4xf32>, %s: tensor<1xi64>) {
  %0 = nn.dropout_mask %x, %s {ratio = 0.5 : f32, stream = 0 : i64} : (tensor<4xf32>, tensor<1xi64>) -> tensor<4xf32>
  return
}
