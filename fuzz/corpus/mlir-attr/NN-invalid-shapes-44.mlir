func.func @reshape_copy_out_of_range(%x: tensor<2x12xf32>) {
  %0 = nn.reshape %x {shape = array<i64: 4, 6, 0>, allowzero = false} : (tensor<2x12xf32>) -> tensor<4x6x1xf32>
  return
}
