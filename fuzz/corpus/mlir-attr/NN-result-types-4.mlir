func.func @broadcast_result_mismatch(%a: tensor<?x1x5xf32>, %b: tensor<3x1xf32>) {
  %0 = nn.mul %a, %b : (tensor<?x1x5xf32>, tensor<3x1xf32>) -> tensor<?x1x5xf32>
  return
}
