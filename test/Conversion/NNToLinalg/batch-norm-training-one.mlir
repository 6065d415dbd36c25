// RUN: not framnn-opt --convert-nn-to-linalg %s 2>&1 | FileCheck %s --check-prefix=ONE

// One value per channel (batch 1, 1x1): no unbiased variance, an error
// (PyTorch refuses it in training too).
// ONE: error: 'nn.batch_norm_training' op batch statistics need more than one value per channel, got 1
func.func @one(%x: tensor<1x2x1x1xf32>, %s: tensor<2xf32>) -> tensor<1x2x1x1xf32> {
  %y:5 = nn.batch_norm_training %x, %s, %s, %s, %s {epsilon = 1.0e-5 : f32, momentum = 0.9 : f32} : (tensor<1x2x1x1xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> (tensor<1x2x1x1xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>)
  return %y#0 : tensor<1x2x1x1xf32>
}
