func.func @reduce_sum_infer_all(%x: tensor<?x4x5xf32>) {
  %0 = nn.reduce_sum %x {axes = array<i64>, keepdims = false} : (tensor<?x4x5xf32>) -> tensor<1xf32>
  return
}
