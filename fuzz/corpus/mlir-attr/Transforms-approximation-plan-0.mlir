module {
  ml_program.global private @scale(dense<0.5> : tensor<1x2x2xf32>) : tensor<1x2x2xf32>
  ml_program.global private @fc1.weight(dense<0.25> : tensor<4x1xf32>) : tensor<4x1xf32>
  ml_program.global private @fc1.bias(dense<0.0> : tensor<4xf32>) : tensor<4xf32>
  ml_program.global private @fc2.weight(dense<0.25> : tensor<2x4xf32>) : tensor<2x4xf32>
  ml_program.global private @fc2.bias(dense<0.0> : tensor<2xf32>) : tensor<2xf32>
  func.func @net(%x: tensor<?x1x2x2xf32> {nn.name = "input"}) -> (tensor<?x2xf32> {nn.name = "output"}) {
    %s = ml_program.global_load_const @scale : tensor<1x2x2xf32>
    %w1 = ml_program.global_load_const @fc1.weight : tensor<4x1xf32>
    %b1 = ml_program.global_load_const @fc1.bias : tensor<4xf32>
    %w2 = ml_program.global_load_const @fc2.weight : tensor<2x4xf32>
    %b2 = ml_program.global_load_const @fc2.bias : tensor<2xf32>
    %m = nn.mul %x, %s : (tensor<?x1x2x2xf32>, tensor<1x2x2xf32>) -> tensor<?x1x2x2xf32>
    %g = nn.sigmoid %m : tensor<?x1x2x2xf32>
    %p = nn.global_average_pool %g : (tensor<?x1x2x2xf32>) -> tensor<?x1x1x1xf32>
    %f = nn.flatten %p {axis = 1 : i64} : (tensor<?x1x1x1xf32>) -> tensor<?x1xf32>
    %h = nn.gemm %f, %w1, %b1 {alpha = 1.0 : f32, beta = 1.0 : f32, transA = false, transB = true}
        : (tensor<?x1xf32>, tensor<4x1xf32>, tensor<4xf32>) -> tensor<?x4xf32>
    %t = nn.tanh %h : tensor<?x4xf32>
    %d = nn.dropout %t {ratio = 0.5 : f32} : tensor<?x4xf32>
    %sm = nn.softmax %d {axis = 1 : i64} : tensor<?x4xf32>
    %y = nn.gemm %sm, %w2, %b2 {alpha = 1.0 : f32, beta = 1.0 : f32, transA = false, transB = true}
        : (tensor<?x4xf32>, tensor<2x4xf32>, tensor<2xf32>) -> tensor<?x2xf32>
    return %y : tensor<?x2xf32>
  }
}
