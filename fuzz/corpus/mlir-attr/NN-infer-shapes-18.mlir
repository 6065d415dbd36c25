func.func @global_average_pool_18(%x: tensor<?x64x7x7xf32>) {
  %0 = nn.global_average_pool %x : (tensor<?x64x7x7xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}
