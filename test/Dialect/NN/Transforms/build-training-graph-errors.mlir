// nn-build-training-graph refuses what it cannot differentiate with one
// error naming the op or the problem.
// RUN: framnn-opt %s -split-input-file -nn-build-training-graph -verify-diagnostics
// RUN: not framnn-opt %s -split-input-file -nn-build-training-graph="mode=fast" 2>&1 | FileCheck %s --check-prefix=MODE
// MODE: error: unknown training mode 'fast' (expected exact, approx or framnn)

module {
  ml_program.global private @w(dense<1.0> : tensor<4x3xf32>) : tensor<4x3xf32>
  func.func @no_rule(%x: tensor<?x4xf32>) -> tensor<?x3xf32> {
    %w = ml_program.global_load_const @w : tensor<4x3xf32>
    %h = nn.matmul %x, %w : (tensor<?x4xf32>, tensor<4x3xf32>) -> tensor<?x3xf32>
    // (nn.slice has a rule since issue 14; a backward op in the forward
    // graph has none.)
    // expected-error @+1 {{no gradient rule for 'nn.relu_grad'}}
    %s = nn.relu_grad %h, %h : (tensor<?x3xf32>, tensor<?x3xf32>) -> tensor<?x3xf32>
    return %s : tensor<?x3xf32>
  }
}

// -----

module {
  ml_program.global private @w(dense<1.0> : tensor<4x4xf32>) : tensor<4x4xf32>
  func.func @reflect_pad(%x: tensor<?x4xf32>) -> tensor<?x6xf32> {
    %w = ml_program.global_load_const @w : tensor<4x4xf32>
    %h = nn.matmul %x, %w : (tensor<?x4xf32>, tensor<4x4xf32>) -> tensor<?x4xf32>
    // expected-error @+1 {{no gradient rule for nn.pad in 'reflect' mode (only constant padding is supported)}}
    %p = nn.pad %h {pads = array<i64: 0, 1, 0, 1>, mode = "reflect", value = 0.0 : f32}
        : (tensor<?x4xf32>) -> tensor<?x6xf32>
    return %p : tensor<?x6xf32>
  }
}

// -----

// expected-error @+1 {{training needs a model with one output (the logits), got 2}}
func.func @two_outputs(%x: tensor<?x4xf32>) -> (tensor<?x4xf32>, tensor<?x4xf32>) {
  return %x, %x : tensor<?x4xf32>, tensor<?x4xf32>
}

// -----

// expected-error @+1 {{training needs 2-D logits (batch x classes) as the model's output, got 'tensor<?x2x2xf32>'}}
func.func @logits_3d(%x: tensor<?x2x2xf32>) -> tensor<?x2x2xf32> {
  return %x : tensor<?x2x2xf32>
}

// -----

// A huge static shape (from a file): the 1/HW of global average pooling's
// gradient would overflow int64 (2^32 x 2^32).
module {
  ml_program.global private @w(dense<1.0> : tensor<1xf32>) : tensor<1xf32>
  func.func @huge_pool(%x: tensor<?x1x4294967296x4294967296xf32>) -> tensor<?x1xf32> {
    %w = ml_program.global_load_const @w : tensor<1xf32>
    %h = nn.mul %x, %w : (tensor<?x1x4294967296x4294967296xf32>, tensor<1xf32>) -> tensor<?x1x4294967296x4294967296xf32>
    // expected-error @+1 {{the gradient of nn.global_average_pool: the window size of 'tensor<?x1x4294967296x4294967296xf32>' is larger than int64 can count}}
    %g = nn.global_average_pool %h : (tensor<?x1x4294967296x4294967296xf32>) -> tensor<?x1x1x1xf32>
    %f = nn.flatten %g {axis = 1 : i64} : (tensor<?x1x1x1xf32>) -> tensor<?x1xf32>
    return %f : tensor<?x1xf32>
  }
}
