func.func @where_condition(%c: tensor<4xf32>, %x: tensor<4xf32>) {
  %0 = nn.where %c, %x, %x : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return
}
