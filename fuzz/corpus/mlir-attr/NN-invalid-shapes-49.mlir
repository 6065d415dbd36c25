func.func @transpose_perm_repeat(%x: tensor<2x3x4xf32>) {
  %0 = nn.transpose %x {perm = array<i64: 0, 2, 0>} : (tensor<2x3x4xf32>) -> tensor<2x4x2xf32>
  return
}
