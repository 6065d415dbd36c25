module {
  ml_program.global private @w(dense<0.5> : tensor<4x6xf32>) : tensor<4x6xf32>
  func.func @reduce(%x: tensor<?x4xf32>) -> tensor<?x3xf32> {
    %w = ml_program.global_load_const @w : tensor<4x6xf32>
    %h = nn.matmul %x, %w : (tensor<?x4xf32>, tensor<4x6xf32>) -> tensor<?x6xf32>
    %r = nn.reshape %h {shape = array<i64: -1, 3, 2>, allowzero = false} : (tensor<?x6xf32>) -> tensor<?x3x2xf32>
    %m = nn.reduce_mean %r {axes = array<i64: -1>, keepdims = false} : (tensor<?x3x2xf32>) -> tensor<?x3xf32>
    %s = nn.reduce_sum %r {axes = array<i64: 2>, keepdims = true} : (tensor<?x3x2xf32>) -> tensor<?x3x1xf32>
    %s2 = nn.reshape %s {shape = array<i64: -1, 3>, allowzero = false} : (tensor<?x3x1xf32>) -> tensor<?x3xf32>
    %mx = nn.reduce_max %r {axes = array<i64: 2>, keepdims = false} : (tensor<?x3x2xf32>) -> tensor<?x3xf32>
    %a = nn.add %m, %s2 : (tensor<?x3xf32>, tensor<?x3xf32>) -> tensor<?x3xf32>
    %b = nn.add %a, %mx : (tensor<?x3xf32>, tensor<?x3xf32>) -> tensor<?x3xf32>
    return %b : tensor<?x3xf32>
  }
}
