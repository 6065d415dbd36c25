//===- NNTrainingOps.td - nn ops for training programs -------*- tablegen -*-===//
//
// Included at the end of NNOps.td, so it can use NN_Op, NN_InferredOp,
// NN_UnaryOp, NN_Tensor and NN_I64Attr.
//
// The loss and its gradient, activation gradients, the reductions and slices
// that gradient rules need, dropout masks and the optimizer update.
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_DIALECT_NN_NNTRAININGOPS_TD
#define FRAMNN_DIALECT_NN_NNTRAININGOPS_TD

// Class labels: one int64 class index per batch row.
def NN_LabelTensor : 1DTensorOf<[I64]>;
// Scalars are rank-0 tensors, so they flow through the same tensor
// lowering and calling convention as everything else.
def NN_ScalarF32 : 0DTensorOf<[F32]>;
def NN_ScalarI64 : 0DTensorOf<[I64]>;

//===----------------------------------------------------------------------===//
// Loss
//===----------------------------------------------------------------------===//

def NN_SoftmaxCrossEntropyOp : NN_InferredOp<"softmax_cross_entropy"> {
  let summary = "mean softmax cross-entropy (ONNX SoftmaxCrossEntropyLoss)";
  let description = [{
    The mean over the batch of `-log_softmax(logits)[n, labels[n]]`:

    ```
    loss = (1/N) * sum_n (max_n + log(sum_c exp(logits[n, c] - max_n))
                          - logits[n, labels[n]])
    ```

    with `max_n` the row maximum (so large logits do not overflow). `logits`
    is `N x C`, `labels` holds `N` class indices in `[0, C)`; the result is
    a rank-0 tensor. This is ONNX `SoftmaxCrossEntropyLoss` (opset 12/13)
    with `reduction = "mean"`, 2-D scores, no weights and no `ignore_index`,
    and PyTorch's `F.cross_entropy(logits, labels)`. A label outside
    `[0, C)` selects no logit (its row contributes only its log-sum-exp).

    ```mlir
    %loss = nn.softmax_cross_entropy %logits, %labels
        : (tensor<?x10xf32>, tensor<?xi64>) -> tensor<f32>
    ```
  }];
  let arguments = (ins NN_Tensor:$logits, NN_LabelTensor:$labels);
  let results = (outs NN_ScalarF32:$loss);
}

def NN_SoftmaxCrossEntropyGradOp : NN_InferredOp<"softmax_cross_entropy_grad"> {
  let summary = "gradient of nn.softmax_cross_entropy w.r.t. the logits";
  let description = [{
    `dloss * (softmax(logits) - onehot(labels)) / N` for `logits : N x C`,
    where `dloss` (rank 0) is the gradient flowing into the loss (1 for the
    loss itself) and `onehot(labels)[n, c]` is 1 where `c == labels[n]`.
    The result has the type of `logits`.

    ```mlir
    %dlogits = nn.softmax_cross_entropy_grad %logits, %labels, %dloss
        : (tensor<?x10xf32>, tensor<?xi64>, tensor<f32>) -> tensor<?x10xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$logits, NN_LabelTensor:$labels,
                       NN_ScalarF32:$dloss);
  let results = (outs NN_Tensor:$result);
}

//===----------------------------------------------------------------------===//
// Activation gradients
//===----------------------------------------------------------------------===//

def NN_ReluGradOp : NN_InferredOp<"relu_grad"> {
  let summary = "gradient of nn.relu";
  let description = [{
    `dy` where `x > 0`, `0` elsewhere (PyTorch's rule: the gradient at
    `x = 0` is 0; a NaN `x` gives 0). `x` is the forward input and `dy` the
    gradient of the forward result; both have the same shape (`?` is
    compatible with any size), as has the result.

    ```mlir
    %dx = nn.relu_grad %x, %dy
        : (tensor<?x512xf32>, tensor<?x512xf32>) -> tensor<?x512xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$input, NN_Tensor:$grad);
  let results = (outs NN_Tensor:$result);
}

def NN_LeakyReluGradOp : NN_InferredOp<"leaky_relu_grad"> {
  let summary = "gradient of nn.leaky_relu";
  let description = [{
    `dy` where `x > 0`, `alpha * dy` elsewhere (PyTorch's rule), with the
    shapes of `nn.relu_grad`.

    ```mlir
    %dx = nn.leaky_relu_grad %x, %dy {alpha = 0.01 : f32}
        : (tensor<?x128xf32>, tensor<?x128xf32>) -> tensor<?x128xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$input, NN_Tensor:$grad, F32Attr:$alpha);
  let results = (outs NN_Tensor:$result);
}

//===----------------------------------------------------------------------===//
// Elementwise, reduction and slicing
//===----------------------------------------------------------------------===//

def NN_ExpOp : NN_UnaryOp<"exp", "Exp"> {
  let description = [{
    `e^x` elementwise.

    ```mlir
    %y = nn.exp %x : tensor<?x10xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$input);
}

def NN_ReduceSumOp : NN_InferredOp<"reduce_sum"> {
  let summary = "ONNX ReduceSum with constant axes";
  let description = [{
    Sums over the dimensions in `axes` (each in `[-r, r)` for rank `r`, a
    negative axis counting from the end, no dimension twice). Empty `axes`
    reduces every dimension. With `keepdims` the reduced dimensions stay as
    size 1, otherwise they are removed (a full reduction then gives a rank-0
    tensor). ONNX's `axes` input (opset 13) or attribute (opset 11) is the
    attribute here; `noop_with_empty_axes` is resolved by the importer. The
    sum of an empty dimension is 0.

    ```mlir
    %y = nn.reduce_sum %x {axes = array<i64: 0>, keepdims = false}
        : (tensor<?x10xf32>) -> tensor<10xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$input, DenseI64ArrayAttr:$axes,
                       BoolAttr:$keepdims);
  let results = (outs NN_Tensor:$result);
}

def NN_SliceOp : NN_InferredOp<"slice"> {
  let summary = "ONNX Slice with constant starts, ends, axes and steps";
  let description = [{
    ONNX `Slice` (opset 10+) with its constant inputs made attributes;
    `starts`, `ends`, `axes` and `steps` have one entry per sliced axis (the
    importer writes out ONNX's defaults: all axes, steps of 1). Axes are in
    `[-r, r)` and distinct, steps are non-zero. For a sliced dimension of
    size `d`, as in ONNX: a negative `start`/`end` has `d` added; then for
    `step > 0` both are clamped to `[0, d]`, for `step < 0` `start` to
    `[0, d - 1]` and `end` to `[-1, d - 1]` (so `end = INT64_MIN` runs to the
    beginning). The result takes `start, start + step, ...` while before
    `end`: `max(0, ceil((end - start) / step))` elements. A sliced `?`
    dimension gives `?` (the lowering needs it static).

    ```mlir
    %y = nn.slice %x {starts = array<i64: 1, -1>, ends = array<i64: 3, -9223372036854775808>,
                      axes = array<i64: 1, 2>, steps = array<i64: 1, -2>}
        : (tensor<?x4x5xf32>) -> tensor<?x2x3xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$input, DenseI64ArrayAttr:$starts,
                       DenseI64ArrayAttr:$ends, DenseI64ArrayAttr:$axes,
                       DenseI64ArrayAttr:$steps);
  let results = (outs NN_Tensor:$result);
  // NN_InferredOp's declaration plus the clamping rule the lowering shares.
  let extraClassDeclaration = [{
    static bool isCompatibleReturnTypes(::mlir::TypeRange l, ::mlir::TypeRange r) {
      return ::framnn::nn::areCompatibleShapes(l, r);
    }
    /// ONNX's clamping for one axis of static size `dim`: the first index
    /// taken and the number of elements.
    static std::pair<int64_t, int64_t> clampedRange(int64_t dim, int64_t start,
                                                    int64_t end, int64_t step);
  }];
}

//===----------------------------------------------------------------------===//
// Dropout
//===----------------------------------------------------------------------===//

def NN_DropoutMaskOp : NN_InferredOp<"dropout_mask"> {
  let summary = "a deterministic dropout mask from a counter-based hash";
  let description = [{
    A tensor of `like`'s type (`like` provides only the shape) whose
    elements are `0` with probability `ratio` and `scale = 1 / (1 - ratio)`
    (computed in f32) otherwise, so `x * mask` is inverted dropout. `ratio`
    is in `[0, 1)`. The mask is a pure function of (`seed`, `stream`, the
    element's row-major linear index `i`); there is no state, so the same
    seed gives the same mask, and a different seed or `stream` (e.g. one
    per dropout op) an independent one. With all arithmetic on unsigned
    64-bit integers modulo 2^64 and `mix` the SplitMix64 finalizer

    ```
    mix(z) = z ^= z >> 30; z *= 0xBF58476D1CE4E5B9;
             z ^= z >> 27; z *= 0x94D049BB133111EB; z ^ (z >> 31)
    key    = mix(seed ^ (stream * 0x9E3779B97F4A7C15))
    bits   = mix(key + (i + 1) * 0x9E3779B97F4A7C15)
    u      = f32(bits >> 40) * 2^-24          (top 24 bits, in [0, 1))
    mask   = u >= ratio ? scale : 0           (compared in f32)
    ```

    (`seed` is the int64 reinterpreted as uint64.) `u` is exact in f32, so
    any reimplementation reproduces the mask bit for bit.

    ```mlir
    %mask = nn.dropout_mask %x, %seed {ratio = 5.000000e-01 : f32, stream = 3 : i64}
        : (tensor<?x512xf32>, tensor<i64>) -> tensor<?x512xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$like, NN_ScalarI64:$seed, F32Attr:$ratio,
                       NN_I64Attr:$stream);
  let results = (outs NN_Tensor:$result);
}

//===----------------------------------------------------------------------===//
// Optimizer
//===----------------------------------------------------------------------===//

def NN_MomentumOp : NN_InferredOp<"momentum"> {
  let summary = "SGD with momentum for one parameter (ONNX Momentum)";
  let description = [{
    One step of ONNX `ai.onnx.preview.training` `Momentum` for a single
    parameter `x` with gradient `g` and momentum buffer `v` (all of the same
    shape), learning rate `lr` and step counter `step` (both rank 0):

    ```
    beta'  = step > 0 ? beta : 1
    g'     = norm_coefficient * x + g
    v_new  = alpha * v + beta' * g'
    x_new  = x - lr * v_new                  (mode = "standard")
    x_new  = x - lr * (g' + alpha * v_new)   (mode = "nesterov")
    ```

    The results are `(x_new, v_new)`. With `alpha` = momentum, `beta = 1`,
    `norm_coefficient` = weight decay and `v` starting at 0 this is
    PyTorch's `torch.optim.SGD(momentum, weight_decay, nesterov)` without
    dampening. ONNX's variadic form (several parameters in one node) is one
    `nn.momentum` per parameter.

    ```mlir
    %x1, %v1 = nn.momentum %lr, %step, %x, %g, %v
        {alpha = 0.9 : f32, beta = 1.0 : f32, mode = "standard",
         norm_coefficient = 0.0 : f32}
        : (tensor<f32>, tensor<i64>, tensor<512x784xf32>, tensor<512x784xf32>,
           tensor<512x784xf32>) -> (tensor<512x784xf32>, tensor<512x784xf32>)
    ```
  }];
  let arguments = (ins NN_ScalarF32:$lr, NN_ScalarI64:$step, NN_Tensor:$x,
                       NN_Tensor:$g, NN_Tensor:$v, F32Attr:$alpha,
                       F32Attr:$beta, StrAttr:$mode,
                       F32Attr:$norm_coefficient);
  let results = (outs NN_Tensor:$x_new, NN_Tensor:$v_new);
}

//===----------------------------------------------------------------------===//
// Batch normalization with batch statistics
//===----------------------------------------------------------------------===//

def NN_BatchNormTrainingOp : NN_InferredOp<"batch_norm_training"> {
  let summary = "BatchNormalization with batch statistics (ONNX training mode)";
  let description = [{
    ONNX `BatchNormalization` with `training_mode = 1` (PyTorch's
    `BatchNorm` in `train()`): the per-channel (dimension 1) mean and
    biased variance over every other dimension of `input` (`M` values per
    channel) normalize it, and the running statistics are updated:

    ```
    batch_mean[c]  = sum(x[:, c, ...]) / M
    batch_var[c]   = sum((x[:, c, ...] - batch_mean[c])^2) / M
    y              = (x - batch_mean) / sqrt(batch_var + epsilon) * scale + bias
    new_running_mean = running_mean * momentum + batch_mean * (1 - momentum)
    new_running_var  = running_var * momentum
                       + batch_var * M / (M - 1) * (1 - momentum)
    ```

    The running variance takes the *unbiased* batch variance, as PyTorch's
    `BatchNorm` does (ONNX's text writes the biased one; PyTorch exports
    its modules to this op unchanged, so FramNN follows PyTorch).
    `momentum` is ONNX's (PyTorch's `1 - momentum`). `M` must exceed 1
    for the unbiased variance (PyTorch refuses `M = 1` in training too; the
    lowering reports it when `M` is static).

    The results are `(y, new_running_mean, new_running_var, batch_mean,
    batch_var)`; the backward (`nn.batch_norm_training_grad`) reads the last
    two. With a `multiplier` attribute (op kind `batch_norm` of
    `nn-approximate-products`) the products of the normalize-and-scale step
    (`normalized * scale`) run on that multiplier, as in `nn.batch_norm`;
    the statistics (the squares of the variance, the division by `M`, the
    running update) stay exact.

    ```mlir
    %y, %rm, %rv, %mean, %var = nn.batch_norm_training %x, %scale, %bias, %running_mean, %running_var
        {epsilon = 9.99999974E-6 : f32, momentum = 0.899999976 : f32}
        : (tensor<?x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>,
           tensor<16xf32>, tensor<16xf32>)
        -> (tensor<?x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>,
            tensor<16xf32>, tensor<16xf32>)
    ```
  }];
  let arguments = (ins NN_Tensor:$input, NN_Tensor:$scale, NN_Tensor:$bias,
                       NN_Tensor:$running_mean, NN_Tensor:$running_var,
                       F32Attr:$epsilon, F32Attr:$momentum);
  let results = (outs NN_Tensor:$result, NN_Tensor:$new_running_mean,
                      NN_Tensor:$new_running_var, NN_Tensor:$batch_mean,
                      NN_Tensor:$batch_var);
}

def NN_BatchNormTrainingGradOp : NN_InferredOp<"batch_norm_training_grad"> {
  let summary = "gradient of nn.batch_norm_training (through the statistics)";
  let description = [{
    Given `dy`, the gradient of a loss with respect to the `y` of
    `nn.batch_norm_training %x, %scale, ...` and that op's `batch_mean`
    and `batch_var`, returns the gradients with respect to `x`, `scale`
    and `bias`, differentiating through the batch mean and variance (the
    full batch-norm gradient, as PyTorch's `native_batch_norm_backward` in
    training):

    ```
    invstd = 1 / sqrt(batch_var + epsilon)
    xhat   = (x - batch_mean) * invstd
    dbias  = sum(dy)                    (over every dimension but 1)
    dscale = sum(dy * xhat)
    dx     = scale * invstd * (dy - dbias / M - xhat * dscale / M)
    ```

    Every product is exact (the backward of a framnn-mode program).

    ```mlir
    %dx, %dscale, %dbias = nn.batch_norm_training_grad %dy, %x, %scale, %mean, %var
        {epsilon = 9.99999974E-6 : f32}
        : (tensor<?x16x8x8xf32>, tensor<?x16x8x8xf32>, tensor<16xf32>,
           tensor<16xf32>, tensor<16xf32>)
        -> (tensor<?x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>)
    ```
  }];
  let arguments = (ins NN_Tensor:$output_grad, NN_Tensor:$input,
                       NN_Tensor:$scale, NN_Tensor:$batch_mean,
                       NN_Tensor:$batch_var, F32Attr:$epsilon);
  let results = (outs NN_Tensor:$input_grad, NN_Tensor:$scale_grad,
                      NN_Tensor:$bias_grad);
}

#endif // FRAMNN_DIALECT_NN_NNTRAININGOPS_TD
