func.func @momentum_shapes(%lr: tensor<f32>, %t: tensor<i64>, %x: tensor<4xf32>, %v: tensor<5xf32>) {
  %0:2 = nn.momentum %lr, %t, %x, %x, %v {alpha = 0.9 : f32, beta = 1.0 : f32, mode = "standard", norm_coefficient = 0.0 : f32} : (tensor<f32>, tensor<i64>, tensor<4xf32>, tensor<4xf32>, tensor<5xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return
}
