module {
  ml_program.global private mutable @w(dense<1.0> : tensor<3xf32>) : tensor<3xf32>
  ml_program.global private mutable @w.velocity(dense<0.0> : tensor<3xf32>) : tensor<3xf32>
  func.func @step(%g: tensor<3xf32>) -> tensor<3xf32> {
    %w = ml_program.global_load @w : tensor<3xf32>
    %v = ml_program.global_load @w.velocity : tensor<3xf32>
    %nv = nn.add %v, %g : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
    %nw = nn.sub %w, %nv : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
    ml_program.global_store @w = %nw : tensor<3xf32>
    ml_program.global_store @w.velocity = %nv : tensor<3xf32>
    %nw2 = nn.sub %nw, %nv : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
    ml_program.global_store @w = %nw2 : tensor<3xf32>
    return %w : tensor<3xf32>
  }
}
