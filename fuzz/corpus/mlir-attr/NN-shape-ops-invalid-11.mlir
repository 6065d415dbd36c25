func.func @expand_source_dim(%v: tensor<1x4xf32>, %x: tensor<?x4xf32>) {
  %0 = nn.expand %v, %x {shape = array<i64: -1, 4>, source_dims = array<i64: 2>} : (tensor<1x4xf32>, tensor<?x4xf32>) -> tensor<?x4xf32>
  return
}
