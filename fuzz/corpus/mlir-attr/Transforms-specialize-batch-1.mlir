func.func @other_dims(%x: tensor<?x?xf32>, %s: tensor<f32>) -> tensor<?x?xf32> {
  %0 = nn.mul %x, %s : (tensor<?x?xf32>, tensor<f32>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}
