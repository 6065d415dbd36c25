module {
  ml_program.global private @w(dense<1.0> : tensor<4x3xf32>) : tensor<4x3xf32>
  func.func @no_rule(%x: tensor<?x4xf32>) -> tensor<?x3xf32> {
    %w = ml_program.global_load_const @w : tensor<4x3xf32>
    %h = nn.matmul %x, %w : (tensor<?x4xf32>, tensor<4x3xf32>) -> tensor<?x3xf32>
    %s = nn.relu_grad %h, %h : (tensor<?x3xf32>, tensor<?x3xf32>) -> tensor<?x3xf32>
    return %s : tensor<?x3xf32>
  }
}
