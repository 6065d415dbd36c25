func.func @div_52(%a: tensor<f32>, %b: tensor<?x2xf32>) {
  %0 = nn.div %a, %b : (tensor<f32>, tensor<?x2xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}
