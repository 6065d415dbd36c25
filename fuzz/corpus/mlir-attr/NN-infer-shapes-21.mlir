func.func @flatten_21(%x: tensor<?x16x4x4xf32>) {
  %0 = nn.flatten %x {axis = 1 : i64} : (tensor<?x16x4x4xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}
