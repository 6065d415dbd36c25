func.func @flatten_outer(%x: tensor<4294967296x4294967296x2xf32>) {
  %0 = nn.flatten %x {axis = 2 : i64} : (tensor<4294967296x4294967296x2xf32>) -> tensor<1x2xf32>
  return
}
