func.func @reduce_sum_twice(%x: tensor<?x4xf32>) {
  %0 = nn.reduce_sum %x {axes = array<i64: 1, -1>, keepdims = true} : (tensor<?x4xf32>) -> tensor<?x1xf32>
  return
}
