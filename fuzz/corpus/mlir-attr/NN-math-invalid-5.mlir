func.func @reduce_mean_axis(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %0 = nn.reduce_mean %x {axes = array<i64: 2>, keepdims = true} : (tensor<?x4xf32>) -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}
