func.func @softmax_axis(%x: tensor<?x10xf32>) -> tensor<?x10xf32> {
  %0 = nn.softmax %x {axis = 2 : i64} : tensor<?x10xf32>
  return %0 : tensor<?x10xf32>
}
