func.func @global_average_pool_rank(%x: tensor<?x16xf32>) {
  %0 = nn.global_average_pool %x : (tensor<?x16xf32>) -> tensor<?x16xf32>
  return
}
