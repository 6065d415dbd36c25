func.func @concat_rank0(%a: tensor<f32>) {
  %0 = nn.concat %a, %a {axis = 0 : i64} : (tensor<f32>, tensor<f32>) -> tensor<2xf32>
  return
}
