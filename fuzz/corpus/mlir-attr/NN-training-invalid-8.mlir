func.func @reduce_sum_axis(%x: tensor<?x4xf32>) {
  %0 = nn.reduce_sum %x {axes = array<i64: 2>, keepdims = true} : (tensor<?x4xf32>) -> tensor<?x1xf32>
  return
}
