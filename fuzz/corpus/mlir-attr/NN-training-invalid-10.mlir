func.func @reduce_sum_infer_keep(%x: tensor<?x4x5xf32>) {
  %0 = nn.reduce_sum %x {axes = array<i64: -1, 0>, keepdims = true} : (tensor<?x4x5xf32>) -> tensor<1xf32>
  return
}
