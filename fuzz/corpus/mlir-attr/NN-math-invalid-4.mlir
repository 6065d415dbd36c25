func.func @unary_type(%x: tensor<4xf32>) -> tensor<5xf32> {
  %0 = "nn.erf"(%x) : (tensor<4xf32>) -> tensor<5xf32>
  return %0 : tensor<5xf32>
}
