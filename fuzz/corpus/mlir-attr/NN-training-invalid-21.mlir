func.func @momentum_step_type(%lr: tensor<f32>, %t: tensor<f32>, %x: tensor<4xf32>) {
  %0:2 = nn.momentum %lr, %t, %x, %x, %x {alpha = 0.9 : f32, beta = 1.0 : f32, mode = "standard", norm_coefficient = 0.0 : f32} : (tensor<f32>, tensor<f32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return
}
