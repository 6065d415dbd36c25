func.func @reshape_input_count(%x: tensor<4294967296x4294967296xf32>) {
  %0 = nn.reshape %x {shape = array<i64: -1>, allowzero = false} : (tensor<4294967296x4294967296xf32>) -> tensor<?xf32>
  return
}
