//===- NNGradientOps.td - gradients of the windowed nn ops ----*- tablegen -*-===//
//
// Included at the end of NNOps.td, so it can use NN_Op, NN_InferredOp,
// NN_Tensor and NN_I64Attr.
//
// The backward ops of nn.conv, nn.max_pool and nn.average_pool, one per
// gradient a training graph needs. Each carries its forward op's attributes
// and checks that its operands have the shapes that forward op would have
// seen or produced; attributes the operands cannot give (the forward input's
// spatial size, the kernel size) are written out.
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_DIALECT_NN_NNGRADIENTOPS_TD
#define FRAMNN_DIALECT_NN_NNGRADIENTOPS_TD

def NN_ConvInputGradOp : NN_InferredOp<"conv_input_grad"> {
  let summary = "Gradient of nn.conv with respect to its input";
  let description = [{
    Given `dy : NxFxOHxOW`, the gradient of a loss with respect to the
    output of

    ```
    nn.conv %x, %weight {strides, pads, dilations, group} with x : NxCxHxW
    ```

    returns the gradient with respect to `x`, `dx : NxCxHxW` (a transposed
    convolution):

    ```
    dx[n, g*C' + c, h, w] = sum over f in group g, kh, kw, oh, ow with
                              oh*sh + kh*dh = h + top, ow*sw + kw*dw = w + left
                            of dy[n, f, oh, ow] * weight[f, c, kh, kw]
    ```

    where `C' = weight` dimension 1 and `C = C' * group`. Input positions
    that no forward window covered (the last rows or columns when the
    stride does not fit) get 0. The attributes are the forward op's, plus
    `input_spatial = [H, W]`, which the forward output size does not
    determine. `OH` and `OW` must be the forward output sizes of `H` and
    `W`, `F` must equal `weight` dimension 0 and be divisible by `group`.

    A multiply-accumulate op: with a `multiplier` attribute (set by
    `nn-approximate-products`) every product runs on that multiplier.

    ```mlir
    %dx = nn.conv_input_grad %dy, %w {strides = array<i64: 2, 2>,
                                      pads = array<i64: 1, 1, 1, 1>,
                                      dilations = array<i64: 1, 1>, group = 1,
                                      input_spatial = array<i64: 28, 28>}
        : (tensor<?x6x14x14xf32>, tensor<6x1x3x3xf32>) -> tensor<?x1x28x28xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$output_grad, NN_Tensor:$weight,
                       DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$pads,
                       DenseI64ArrayAttr:$dilations, NN_I64Attr:$group,
                       DenseI64ArrayAttr:$input_spatial);
  let results = (outs NN_Tensor:$result);
}

def NN_ConvWeightGradOp : NN_InferredOp<"conv_weight_grad"> {
  let summary = "Gradient of nn.conv with respect to its weight";
  let description = [{
    Given the forward input `x : NxCxHxW` and `dy : NxFxOHxOW`, the
    gradient of a loss with respect to the output of `nn.conv %x, %weight`
    with the same attributes, returns the gradient with respect to
    `weight`, `dw : Fx(C/group)xKHxKW`, a contraction over `(n, oh, ow)`:

    ```
    dw[f, c, kh, kw] = sum over n, oh, ow of
                       xpad[n, g*C' + c, oh*sh + kh*dh, ow*sw + kw*dw] * dy[n, f, oh, ow]
    ```

    with `g = f / (F / group)`, `C' = C / group` and `xpad` the input
    padded with zeros by `pads`. The attributes are the forward op's, plus
    `kernel_shape = [KH, KW]`. `C` and `F` must be divisible by `group`,
    the batch sizes of `x` and `dy` must agree and `OH`, `OW` must be the
    forward output sizes. (The bias gradient is a plain sum of `dy`.)

    A multiply-accumulate op: with a `multiplier` attribute (set by
    `nn-approximate-products`) every product runs on that multiplier.

    ```mlir
    %dw = nn.conv_weight_grad %x, %dy {strides = array<i64: 1, 1>,
                                       pads = array<i64: 2, 2, 2, 2>,
                                       dilations = array<i64: 1, 1>, group = 1,
                                       kernel_shape = array<i64: 5, 5>}
        : (tensor<?x1x28x28xf32>, tensor<?x6x28x28xf32>) -> tensor<6x1x5x5xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$input, NN_Tensor:$output_grad,
                       DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$pads,
                       DenseI64ArrayAttr:$dilations, NN_I64Attr:$group,
                       DenseI64ArrayAttr:$kernel_shape);
  let results = (outs NN_Tensor:$result);
}

def NN_MaxPoolGradOp : NN_InferredOp<"max_pool_grad"> {
  let summary = "Gradient of nn.max_pool with respect to its input";
  let description = [{
    Given the forward input `x : NxCxHxW` and `dy`, the gradient of a loss
    with respect to the output of `nn.max_pool %x` with the same
    attributes, returns the gradient with respect to `x` (of `x`'s type).
    Each window passes its `dy` element to the position of its maximum;
    where windows overlap the contributions add up (PyTorch's rule). On a
    tie the first maximum in row-major window order wins; padding never
    wins. A NaN counts as larger than any number (the first NaN of a
    window wins). A window that lies wholly in the padding passes nothing
    on. `dy` must have the forward output shape.

    ```mlir
    %dx = nn.max_pool_grad %x, %dy {kernel_shape = array<i64: 2, 2>,
                                    strides = array<i64: 2, 2>,
                                    pads = array<i64: 0, 0, 0, 0>,
                                    dilations = array<i64: 1, 1>,
                                    ceil_mode = false}
        : (tensor<?x6x28x28xf32>, tensor<?x6x14x14xf32>) -> tensor<?x6x28x28xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$input, NN_Tensor:$output_grad,
                       DenseI64ArrayAttr:$kernel_shape,
                       DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$pads,
                       DenseI64ArrayAttr:$dilations, BoolAttr:$ceil_mode);
  let results = (outs NN_Tensor:$result);
}

def NN_AveragePoolGradOp : NN_InferredOp<"average_pool_grad"> {
  let summary = "Gradient of nn.average_pool with respect to its input";
  let description = [{
    Given `dy : NxCxOHxOW`, the gradient of a loss with respect to the
    output of `nn.average_pool` with the same attributes over an input of
    spatial size `input_spatial = [H, W]`, returns the gradient with
    respect to that input, `dx : NxCxHxW`: every window adds
    `dy / divisor` to each input position it covers, with the forward op's
    divisor (the window's cells inside the input, plus those in the ONNX
    pads with `count_include_pad`; never the ceil_mode extension). `OH` and
    `OW` must be the forward output sizes of `H` and `W`.

    ```mlir
    %dx = nn.average_pool_grad %dy {kernel_shape = array<i64: 2, 2>,
                                    strides = array<i64: 2, 2>,
                                    pads = array<i64: 0, 0, 0, 0>,
                                    ceil_mode = false, count_include_pad = false,
                                    input_spatial = array<i64: 28, 28>}
        : (tensor<?x6x14x14xf32>) -> tensor<?x6x28x28xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$output_grad,
                       DenseI64ArrayAttr:$kernel_shape,
                       DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$pads,
                       BoolAttr:$ceil_mode, BoolAttr:$count_include_pad,
                       DenseI64ArrayAttr:$input_spatial);
  let results = (outs NN_Tensor:$result);
}

#endif // FRAMNN_DIALECT_NN_NNGRADIENTOPS_TD
