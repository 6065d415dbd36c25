module {
  ml_program.global private @fc1.weight(dense<0.5> : tensor<3x4xf32>) : tensor<3x4xf32>
  ml_program.global private @fc1.bias(dense<0.1> : tensor<3xf32>) : tensor<3xf32>
  ml_program.global private @fc2.weight(dense<0.25> : tensor<2x3xf32>) : tensor<2x3xf32>
  ml_program.global private @fc2.bias(dense<0.0> : tensor<2xf32>) : tensor<2xf32>
  ml_program.global private @unused(dense<1.0> : tensor<5xf32>) : tensor<5xf32>
  func.func @mlp(%x: tensor<?x4xf32> {nn.name = "input"}) -> (tensor<?x2xf32> {nn.name = "output"}) {
    %w1 = ml_program.global_load_const @fc1.weight : tensor<3x4xf32>
    %b1 = ml_program.global_load_const @fc1.bias : tensor<3xf32>
    %h = nn.gemm %x, %w1, %b1 {alpha = 1.0 : f32, beta = 1.0 : f32, transA = false, transB = true}
        : (tensor<?x4xf32>, tensor<3x4xf32>, tensor<3xf32>) -> tensor<?x3xf32>
    %r = nn.relu %h : tensor<?x3xf32>
    %w2 = ml_program.global_load_const @fc2.weight : tensor<2x3xf32>
    %b2 = ml_program.global_load_const @fc2.bias : tensor<2xf32>
    %y = nn.gemm %r, %w2, %b2 {alpha = 1.0 : f32, beta = 1.0 : f32, transA = false, transB = true}
        : (tensor<?x3xf32>, tensor<2x3xf32>, tensor<2xf32>) -> tensor<?x2xf32>
    %s = nn.softmax %y {axis = 1 : i64} : tensor<?x2xf32>
    return %s : tensor<?x2xf32>
  }
}
