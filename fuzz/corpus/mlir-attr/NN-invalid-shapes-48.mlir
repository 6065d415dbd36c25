func.func @transpose_perm_size(%x: tensor<2x3xf32>) {
  %0 = nn.transpose %x {perm = array<i64: 0, 1, 2>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}
