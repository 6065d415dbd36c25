func.func @add_i64(%a: tensor<4xi64>) {
  %0 = nn.add %a, %a : (tensor<4xi64>, tensor<4xi64>) -> tensor<4xi64>
  return
}
