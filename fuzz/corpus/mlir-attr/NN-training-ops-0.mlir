func.func @loss(%logits: tensor<?x10xf32>, %labels: tensor<?xi64>) -> (tensor<f32>, tensor<?x10xf32>) {
  %0 = nn.softmax_cross_entropy %logits, %labels : (tensor<?x10xf32>, tensor<?xi64>) -> tensor<f32>
  %1 = nn.softmax_cross_entropy_grad %logits, %labels, %0 : (tensor<?x10xf32>, tensor<?xi64>, tensor<f32>) -> tensor<?x10xf32>
  return %0, %1 : tensor<f32>, tensor<?x10xf32>
}

func.func @activation_grads(%x: tensor<?x512xf32>, %dy: tensor<?x512xf32>) -> tensor<?x512xf32> {
  %0 = nn.relu_grad %x, %dy : (tensor<?x512xf32>, tensor<?x512xf32>) -> tensor<?x512xf32>
  %1 = nn.leaky_relu_grad %x, %0 {alpha = 0.01 : f32} : (tensor<?x512xf32>, tensor<?x512xf32>) -> tensor<?x512xf32>
  %2 = nn.exp %1 : tensor<?x512xf32>
  return %2 : tensor<?x512xf32>
}

func.func @reductions_and_slices(%x: tensor<?x4x5xf32>) {
  %0 = nn.reduce_sum %x {axes = array<i64: 0>, keepdims = false} : (tensor<?x4x5xf32>) -> tensor<4x5xf32>
  %1 = nn.reduce_sum %x {axes = array<i64>, keepdims = true} : (tensor<?x4x5xf32>) -> tensor<1x1x1xf32>
  %2 = nn.slice %x {starts = array<i64: 1, -1>, ends = array<i64: 3, -9223372036854775808>, axes = array<i64: 1, 2>, steps = array<i64: 1, -2>} : (tensor<?x4x5xf32>) -> tensor<?x2x3xf32>
  return
}

func.func @dropout_and_momentum(%h: tensor<?x512xf32>, %seed: tensor<i64>, %lr: tensor<f32>, %step: tensor<i64>,
                                %x: tensor<512x784xf32>, %g: tensor<512x784xf32>, %v: tensor<512x784xf32>) {
  %0 = nn.dropout_mask %h, %seed {ratio = 0.5 : f32, stream = 3 : i64} : (tensor<?x512xf32>, tensor<i64>) -> tensor<?x512xf32>
  %1:2 = nn.momentum %lr, %step, %x, %g, %v {alpha = 0.9 : f32, beta = 1.0 : f32, mode = "nesterov", norm_coefficient = 0.01 : f32} : (tensor<f32>, tensor<i64>, tensor<512x784xf32>, tensor<512x784xf32>, tensor<512x784xf32>) -> (tensor<512x784xf32>, tensor<512x784xf32>)
  return
}

func.func @batch_norm_training(%x: tensor<?x3x4x4xf32>, %s: tensor<3xf32>, %dy: tensor<?x3x4x4xf32>) -> (tensor<?x3x4x4xf32>, tensor<3xf32>) {
  %y:5 = nn.batch_norm_training %x, %s, %s, %s, %s {epsilon = 1.0e-5 : f32, momentum = 0.9 : f32} : (tensor<?x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> (tensor<?x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>)
  %g:3 = nn.batch_norm_training_grad %dy, %x, %s, %y#3, %y#4 {epsilon = 1.0e-5 : f32} : (tensor<?x3x4x4xf32>, tensor<?x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> (tensor<?x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>)
  return %g#0, %g#1 : tensor<?x3x4x4xf32>, tensor<3xf32>
}
