module {
  ml_program.global private @w(dense<0.5> : tensor<4x6xf32>) : tensor<4x6xf32>
  ml_program.global private @s(dense<1.5> : tensor<6xf32>) : tensor<6xf32>
  ml_program.global private @b(dense<0.5> : tensor<6xf32>) : tensor<6xf32>
  func.func @ln(%x: tensor<?x4xf32>) -> tensor<?x6xf32> {
    %w = ml_program.global_load_const @w : tensor<4x6xf32>
    %s = ml_program.global_load_const @s : tensor<6xf32>
    %b = ml_program.global_load_const @b : tensor<6xf32>
    %h = nn.matmul %x, %w : (tensor<?x4xf32>, tensor<4x6xf32>) -> tensor<?x6xf32>
    %y, %m, %i = nn.layer_norm %h, %s, %b {axis = -1 : i64, epsilon = 1.0e-5 : f32}
        : (tensor<?x6xf32>, tensor<6xf32>, tensor<6xf32>) -> (tensor<?x6xf32>, tensor<?x1xf32>, tensor<?x1xf32>)
    return %y : tensor<?x6xf32>
  }
}
