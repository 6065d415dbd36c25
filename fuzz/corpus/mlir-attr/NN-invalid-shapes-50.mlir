func.func @transpose_perm_range(%x: tensor<2x3xf32>) {
  %0 = nn.transpose %x {perm = array<i64: -1, 0>} : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return
}
