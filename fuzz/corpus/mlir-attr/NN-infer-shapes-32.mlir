func.func @transpose_32(%x: tensor<?x3x4xf32>) {
  %0 = nn.transpose %x {perm = array<i64: 2, 0, 1>} : (tensor<?x3x4xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}
