func.func @yield_count_mismatch(%x: tensor<4xf32>) {
  nn.phase backward {
    nn.yield %x : tensor<4xf32>
  }
  return
}
