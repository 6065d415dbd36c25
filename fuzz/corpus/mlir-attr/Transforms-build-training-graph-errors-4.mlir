module {
  ml_program.global private @w(dense<1.0> : tensor<1xf32>) : tensor<1xf32>
  func.func @huge_pool(%x: tensor<?x1x4294967296x4294967296xf32>) -> tensor<?x1xf32> {
    %w = ml_program.global_load_const @w : tensor<1xf32>
    %h = nn.mul %x, %w : (tensor<?x1x4294967296x4294967296xf32>, tensor<1xf32>) -> tensor<?x1x4294967296x4294967296xf32>
    %g = nn.global_average_pool %h : (tensor<?x1x4294967296x4294967296xf32>) -> tensor<?x1x1x1xf32>
    %f = nn.flatten %g {axis = 1 : i64} : (tensor<?x1x1x1xf32>) -> tensor<?x1xf32>
    return %f : tensor<?x1xf32>
  }
}
