func.func @flatten_22(%x: tensor<?x16x4x4xf32>) {
  %0 = nn.flatten %x {axis = 0 : i64} : (tensor<?x16x4x4xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}
