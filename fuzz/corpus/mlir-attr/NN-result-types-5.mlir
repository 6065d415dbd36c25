func.func @result_not_f32(%a: tensor<4xf32>) {
  %0 = nn.add %a, %a : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf16>
  return
}
