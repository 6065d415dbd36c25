func.func @clip_result_type(%x: tensor<4xf32>) -> tensor<5xf32> {
  %0 = nn.clip %x : (tensor<4xf32>) -> tensor<5xf32>
  return %0 : tensor<5xf32>
}
