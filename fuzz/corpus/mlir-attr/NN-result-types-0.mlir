func.func @dynamic_vs_static(%a: tensor<2x16x4x4xf32>, %b: tensor<?x16x4x4xf32>,
                             %x: tensor<?x784xf32>, %w: tensor<784x10xf32>,
                             %i: tensor<?x1x28x28xf32>, %k: tensor<6x1x5x5xf32>,
                             %p: tensor<?x4xf32>, %q: tensor<1x4xf32>) {
  %0 = nn.flatten %a {axis = 1 : i64} : (tensor<2x16x4x4xf32>) -> tensor<?x?xf32>
  %1 = nn.flatten %b {axis = 1 : i64} : (tensor<?x16x4x4xf32>) -> tensor<8x256xf32>
  %2 = nn.gemm %x, %w {alpha = 1.0 : f32, beta = 1.0 : f32, transA = false, transB = false}
      : (tensor<?x784xf32>, tensor<784x10xf32>) -> tensor<32x?xf32>
  %3 = nn.conv %i, %k {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>,
                       dilations = array<i64: 1, 1>, group = 1 : i64}
      : (tensor<?x1x28x28xf32>, tensor<6x1x5x5xf32>) -> tensor<4x6x?x24xf32>
  %4 = nn.add %p, %q : (tensor<?x4xf32>, tensor<1x4xf32>) -> tensor<5x4xf32>
  return
}
