func.func @constant_i16() -> tensor<2xi16> {
  %0 = nn.constant dense<[1, 2]> : tensor<2xi16>
  return %0 : tensor<2xi16>
}
