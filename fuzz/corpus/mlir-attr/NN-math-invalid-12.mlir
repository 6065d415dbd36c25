func.func @slice_grad_shape(%dy: tensor<?x3xf32>, %x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %0 = nn.slice_grad %dy, %x {starts = array<i64: 1>, ends = array<i64: 3>, axes = array<i64: 1>, steps = array<i64: 1>}
      : (tensor<?x3xf32>, tensor<?x4xf32>) -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}
