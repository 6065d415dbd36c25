func.func @yield_type_mismatch(%x: tensor<4xf32>) -> tensor<3xf32> {
  %r = nn.phase forward {
    nn.yield %x : tensor<4xf32>
  } : tensor<3xf32>
  return %r : tensor<3xf32>
}
