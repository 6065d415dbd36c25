module {
  ml_program.global private @w(dense<0.5> : tensor<4x5xf32>) : tensor<4x5xf32>
  func.func @slice(%x: tensor<?x4xf32>) -> tensor<?x2xf32> {
    %w = ml_program.global_load_const @w : tensor<4x5xf32>
    %h = nn.matmul %x, %w : (tensor<?x4xf32>, tensor<4x5xf32>) -> tensor<?x5xf32>
    %s = nn.slice %h {starts = array<i64: -1>, ends = array<i64: 0>, axes = array<i64: 1>, steps = array<i64: -3>}
        : (tensor<?x5xf32>) -> tensor<?x2xf32>
    return %s : tensor<?x2xf32>
  }
}
