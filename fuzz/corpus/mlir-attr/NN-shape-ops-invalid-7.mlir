func.func @equal_types(%a: tensor<4xi64>, %b: tensor<4xi32>) {
  %0 = nn.equal %a, %b : (tensor<4xi64>, tensor<4xi32>) -> tensor<4xi1>
  return
}
