func.func @global_average_pool_20(%x: tensor<2x3x?xf32>) {
  %0 = nn.global_average_pool %x : (tensor<2x3x?xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}
