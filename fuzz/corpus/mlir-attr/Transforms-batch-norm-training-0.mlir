module {
  ml_program.global private @s(dense<1.0> : tensor<2xf32>) : tensor<2xf32>
  ml_program.global private @b(dense<0.0> : tensor<2xf32>) : tensor<2xf32>
  ml_program.global private @rm(dense<0.0> : tensor<2xf32>) : tensor<2xf32>
  ml_program.global private @rv(dense<1.0> : tensor<2xf32>) : tensor<2xf32>
  ml_program.global private @w(dense<0.5> : tensor<8x3xf32>) : tensor<8x3xf32>
  func.func @net(%x: tensor<?x2x2x2xf32>) -> tensor<?x3xf32> {
    %s = ml_program.global_load_const @s : tensor<2xf32>
    %b = ml_program.global_load_const @b : tensor<2xf32>
    %rm = ml_program.global_load_const @rm : tensor<2xf32>
    %rv = ml_program.global_load_const @rv : tensor<2xf32>
    %w = ml_program.global_load_const @w : tensor<8x3xf32>
    %0 = nn.batch_norm %x, %s, %b, %rm, %rv {epsilon = 1.0e-5 : f32, momentum = 0.9 : f32, training_mode} : (tensor<?x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<?x2x2x2xf32>
    %1 = nn.batch_norm %0, %s, %b, %rm, %rv {epsilon = 1.0e-5 : f32, momentum = 0.9 : f32} : (tensor<?x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<?x2x2x2xf32>
    %2 = nn.flatten %1 {axis = 1 : i64} : (tensor<?x2x2x2xf32>) -> tensor<?x8xf32>
    %3 = nn.matmul %2, %w : (tensor<?x8xf32>, tensor<8x3xf32>) -> tensor<?x3xf32>
    return %3 : tensor<?x3xf32>
  }
}
