module {
  ml_program.global private @w(dense<0.5> : tensor<4x3xf32>) : tensor<4x3xf32>
  ml_program.global private @e(dense<2.0> : tensor<3xf32>) : tensor<3xf32>
  func.func @pow(%x: tensor<?x4xf32>) -> tensor<?x3xf32> {
    %w = ml_program.global_load_const @w : tensor<4x3xf32>
    %e = ml_program.global_load_const @e : tensor<3xf32>
    %h = nn.matmul %x, %w : (tensor<?x4xf32>, tensor<4x3xf32>) -> tensor<?x3xf32>
    %p = nn.pow %h, %e : (tensor<?x3xf32>, tensor<3xf32>) -> tensor<?x3xf32>
    return %p : tensor<?x3xf32>
  }
}
