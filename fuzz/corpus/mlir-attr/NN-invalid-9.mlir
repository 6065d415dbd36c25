func.func @missing_attribute(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = nn.leaky_relu %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}
