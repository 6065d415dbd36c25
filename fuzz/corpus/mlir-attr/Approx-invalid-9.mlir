func.func @operand_number_two(%a: tensor<4xf32>) -> tensor<4xf32> {
  %p = approx.reduce_precision #approx.precision<8> %a {operand_number = 2 : i32} : tensor<4xf32>
  return %p : tensor<4xf32>
}
