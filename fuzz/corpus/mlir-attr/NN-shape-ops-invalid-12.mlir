func.func @relu_i64(%a: tensor<4xi64>) {
  %0 = nn.relu %a : tensor<4xi64>
  return
}
