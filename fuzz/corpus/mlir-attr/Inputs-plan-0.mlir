module {
  ml_program.global private @scale(dense<0.5> : tensor<1x4x4xf32>) : tensor<1x4x4xf32>
  ml_program.global private @conv.weight(dense<0.25> : tensor<2x1x3x3xf32>) : tensor<2x1x3x3xf32>
  ml_program.global private @bn.scale(dense<1.5> : tensor<2xf32>) : tensor<2xf32>
  ml_program.global private @bn.bias(dense<0.1> : tensor<2xf32>) : tensor<2xf32>
  ml_program.global private @bn.mean(dense<0.0> : tensor<2xf32>) : tensor<2xf32>
  ml_program.global private @bn.var(dense<1.0> : tensor<2xf32>) : tensor<2xf32>
  ml_program.global private @mm.weight(dense<0.25> : tensor<8x4xf32>) : tensor<8x4xf32>
  ml_program.global private @fc.weight(dense<0.25> : tensor<3x4xf32>) : tensor<3x4xf32>
  ml_program.global private @fc.bias(dense<0.0> : tensor<3xf32>) : tensor<3xf32>
  func.func @net(%x: tensor<?x1x4x4xf32> {nn.name = "input"}) -> (tensor<?x3xf32> {nn.name = "output"}) {
    %sc = ml_program.global_load_const @scale : tensor<1x4x4xf32>
    %cw = ml_program.global_load_const @conv.weight : tensor<2x1x3x3xf32>
    %s = ml_program.global_load_const @bn.scale : tensor<2xf32>
    %b = ml_program.global_load_const @bn.bias : tensor<2xf32>
    %m = ml_program.global_load_const @bn.mean : tensor<2xf32>
    %v = ml_program.global_load_const @bn.var : tensor<2xf32>
    %mw = ml_program.global_load_const @mm.weight : tensor<8x4xf32>
    %fw = ml_program.global_load_const @fc.weight : tensor<3x4xf32>
    %fb = ml_program.global_load_const @fc.bias : tensor<3xf32>
    %0 = nn.mul %x, %sc : (tensor<?x1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<?x1x4x4xf32>
    %1 = nn.conv %0, %cw {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 1 : i64}
        : (tensor<?x1x4x4xf32>, tensor<2x1x3x3xf32>) -> tensor<?x2x2x2xf32>
    %2 = nn.batch_norm %1, %s, %b, %m, %v {epsilon = 1.0e-5 : f32, momentum = 0.9 : f32}
        : (tensor<?x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<?x2x2x2xf32>
    %3 = nn.flatten %2 {axis = 1 : i64} : (tensor<?x2x2x2xf32>) -> tensor<?x8xf32>
    %4 = nn.matmul %3, %mw : (tensor<?x8xf32>, tensor<8x4xf32>) -> tensor<?x4xf32>
    %5 = nn.gemm %4, %fw, %fb {alpha = 1.0 : f32, beta = 1.0 : f32, transA = false, transB = true}
        : (tensor<?x4xf32>, tensor<3x4xf32>, tensor<3xf32>) -> tensor<?x3xf32>
    return %5 : tensor<?x3xf32>
  }
}
