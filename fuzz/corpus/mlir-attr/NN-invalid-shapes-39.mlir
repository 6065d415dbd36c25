func.func @flatten_negative_axis(%x: tensor<?x3x4x4xf32>) {
  %0 = nn.flatten %x {axis = -5 : i64} : (tensor<?x3x4x4xf32>) -> tensor<?x48xf32>
  return
}
