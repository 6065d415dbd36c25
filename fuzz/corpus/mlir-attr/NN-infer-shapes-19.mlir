func.func @global_average_pool_19(%x: tensor<?x3x4x5x6xf32>) {
  %0 = nn.global_average_pool %x : (tensor<?x3x4x5x6xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}
