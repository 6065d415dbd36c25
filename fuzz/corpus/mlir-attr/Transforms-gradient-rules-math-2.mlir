module {
  ml_program.global private @w(dense<0.5> : tensor<4x3xf32>) : tensor<4x3xf32>
  func.func @clip(%x: tensor<?x4xf32>) -> tensor<?x3xf32> {
    %w = ml_program.global_load_const @w : tensor<4x3xf32>
    %h = nn.matmul %x, %w : (tensor<?x4xf32>, tensor<4x3xf32>) -> tensor<?x3xf32>
    %hi = nn.constant dense<1.0> : tensor<f32>
    %c = nn.clip %h max %hi : (tensor<?x3xf32>, tensor<f32>) -> tensor<?x3xf32>
    return %c : tensor<?x3xf32>
  }
}
