func.func @concat_dims(%a: tensor<?x3xf32>, %b: tensor<2x3xf32>, %c: tensor<5x4xf32>) {
  %0 = nn.concat %a, %b, %c {axis = 0 : i64} : (tensor<?x3xf32>, tensor<2x3xf32>, tensor<5x4xf32>) -> tensor<?x3xf32>
  return
}
