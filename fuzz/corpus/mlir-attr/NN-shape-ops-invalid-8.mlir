func.func @cast_to(%a: tensor<4xi64>) {
  %0 = nn.cast %a {to = f64} : (tensor<4xi64>) -> tensor<4xi64>
  return
}
