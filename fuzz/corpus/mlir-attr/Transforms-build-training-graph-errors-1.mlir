module {
  ml_program.global private @w(dense<1.0> : tensor<4x4xf32>) : tensor<4x4xf32>
  func.func @reflect_pad(%x: tensor<?x4xf32>) -> tensor<?x6xf32> {
    %w = ml_program.global_load_const @w : tensor<4x4xf32>
    %h = nn.matmul %x, %w : (tensor<?x4xf32>, tensor<4x4xf32>) -> tensor<?x4xf32>
    %p = nn.pad %h {pads = array<i64: 0, 1, 0, 1>, mode = "reflect", value = 0.0 : f32}
        : (tensor<?x4xf32>) -> tensor<?x6xf32>
    return %p : tensor<?x6xf32>
  }
}
