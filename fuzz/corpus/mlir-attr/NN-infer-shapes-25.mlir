func.func @flatten_25(%x: tensor<2x3x4x5xf32>) {
  %0 = nn.flatten %x {axis = -2 : i64} : (tensor<2x3x4x5xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}
