func.func @reduce_max_twice(%x: tensor<?x4xf32>) -> tensor<?xf32> {
  %0 = nn.reduce_max %x {axes = array<i64: 1, -1>, keepdims = false} : (tensor<?x4xf32>) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}
