func.func @clip_bound_rank(%x: tensor<4xf32>, %lo: tensor<1xf32>) -> tensor<4xf32> {
  %0 = nn.clip %x min %lo : (tensor<4xf32>, tensor<1xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
