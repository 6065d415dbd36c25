module {
  ml_program.global private @w(dense<0.5> : tensor<4x3xf32>) : tensor<4x3xf32>
  func.func @unary(%x: tensor<?x4xf32>) -> tensor<?x3xf32> {
    %w = ml_program.global_load_const @w : tensor<4x3xf32>
    %h = nn.matmul %x, %w : (tensor<?x4xf32>, tensor<4x3xf32>) -> tensor<?x3xf32>
    %a = nn.erf %h : tensor<?x3xf32>
    %b = nn.sqrt %a : tensor<?x3xf32>
    %c = nn.neg %b : tensor<?x3xf32>
    %d = nn.reciprocal %c : tensor<?x3xf32>
    %e = nn.log %d : tensor<?x3xf32>
    return %e : tensor<?x3xf32>
  }
}
