func.func @approx_mulf_in_backward(%a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<4xf32>
    attributes {nn.training_mode = "framnn"} {
  %r = nn.phase backward {
    %init = tensor.empty() : tensor<4xf32>
    %g = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>],
                         iterator_types = ["parallel"]}
        ins(%a, %b : tensor<4xf32>, tensor<4xf32>) outs(%init : tensor<4xf32>) {
    ^bb0(%x: f32, %y: f32, %o: f32):
      %p = approx.mulf #approx.precision<6> %x, %y : f32
      linalg.yield %p : f32
    } -> tensor<4xf32>
    nn.yield %g : tensor<4xf32>
  } : tensor<4xf32>
  return %r : tensor<4xf32>
}
