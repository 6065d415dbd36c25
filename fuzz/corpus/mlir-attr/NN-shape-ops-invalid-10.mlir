func.func @expand_sources(%v: tensor<3x4xf32>) {
  %0 = nn.expand %v {shape = array<i64: -1, 4>, source_dims = array<i64>} : (tensor<3x4xf32>) -> tensor<3x4xf32>
  return
}
