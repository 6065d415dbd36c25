func.func @static_mismatch(%x: tensor<?x1x28x28xf32>, %w: tensor<6x1x5x5xf32>) {
  %0 = nn.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>,
                       dilations = array<i64: 1, 1>, group = 1 : i64}
      : (tensor<?x1x28x28xf32>, tensor<6x1x5x5xf32>) -> tensor<?x6x28x28xf32>
  return
}
