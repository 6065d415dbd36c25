func.func @not_f32(%x: tensor<4xf16>) -> tensor<4xf16> {
  %0 = nn.sigmoid %x : tensor<4xf16>
  return %0 : tensor<4xf16>
}
