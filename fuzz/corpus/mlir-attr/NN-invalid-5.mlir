func.func @log_softmax_axis(%x: tensor<f32>) -> tensor<f32> {
  %0 = nn.log_softmax %x {axis = 0 : i64} : tensor<f32>
  return %0 : tensor<f32>
}
