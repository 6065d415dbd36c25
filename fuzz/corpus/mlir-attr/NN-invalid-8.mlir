func.func @unranked(%x: tensor<*xf32>) -> tensor<*xf32> {
  %0 = nn.flatten %x {axis = 1 : i64} : (tensor<*xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}
