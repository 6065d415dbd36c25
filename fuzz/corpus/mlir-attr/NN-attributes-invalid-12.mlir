func.func @name_on_op(%x: tensor<2xf32>) -> tensor<2xf32> {
  %y = nn.relu %x {nn.name = "y"} : tensor<2xf32>
  return %y : tensor<2xf32>
}
