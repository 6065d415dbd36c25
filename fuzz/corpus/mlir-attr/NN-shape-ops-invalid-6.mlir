func.func @where_broadcast(%c: tensor<3xi1>, %x: tensor<4xf32>) {
  %0 = nn.where %c, %x, %x : (tensor<3xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return
}
