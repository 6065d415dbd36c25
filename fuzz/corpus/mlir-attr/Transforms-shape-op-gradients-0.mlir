module {
  ml_program.global private @table(dense<0.5> : tensor<6x4xf32>) : tensor<6x4xf32>
  ml_program.global private @b(dense<0.1> : tensor<1x1xf32>) : tensor<1x1xf32>
  ml_program.global private @c(dense<0.2> : tensor<1x4xf32>) : tensor<1x4xf32>
  func.func @net(%ids: tensor<?xi64> {nn.name = "ids"}) -> (tensor<?x4xf32> {nn.name = "logits"}) {
    %t = ml_program.global_load_const @table : tensor<6x4xf32>
    %e = nn.gather %t, %ids {axis = 0 : i64} : (tensor<6x4xf32>, tensor<?xi64>) -> tensor<?x4xf32>
    %b = ml_program.global_load_const @b : tensor<1x1xf32>
    %bb = nn.expand %b {shape = array<i64: 1, 4>, source_dims = array<i64>} : (tensor<1x1xf32>) -> tensor<1x4xf32>
    %h = nn.add %e, %bb : (tensor<?x4xf32>, tensor<1x4xf32>) -> tensor<?x4xf32>
    %k = nn.cast %h {to = f32} : (tensor<?x4xf32>) -> tensor<?x4xf32>
    %zero = nn.constant dense<0.0> : tensor<f32>
    %m = nn.equal %k, %zero : (tensor<?x4xf32>, tensor<f32>) -> tensor<?x4xi1>
    %c = ml_program.global_load_const @c : tensor<1x4xf32>
    %y = nn.where %m, %c, %k : (tensor<?x4xi1>, tensor<1x4xf32>, tensor<?x4xf32>) -> tensor<?x4xf32>
    return %y : tensor<?x4xf32>
  }
}
