"""FramNN's approximate multiplier on PyTorch tensors (DESIGN.md section 1).

``trunc(t, m)``: the operand truncation trunc_m, the bit mask
``bits(x) & (0xFFFFFFFF << (23 - m))`` of the binary32 value of each
element, NaNs unchanged (as ``include/framnn/Dialect/Approx/IR/
TruncateMantissa.h``); infinities and subnormals are masked like any other
value (an infinity has no fraction bits to lose).

``TruncatedProduct``: a product ``fn(a, b)`` (matmul, linear, conv) of the
truncated operands, rounded to binary32, with the backward of FramNN's
``framnn`` mode (exact, on the untruncated operands: straight-through) or of
its ``approx`` mode (the operands and the incoming gradient truncated too).

Shared by ``framnn.torch.approx_forward`` and the test zoo's reference
``framnn_models/torchref.py``, which loads this file by path (it runs from
the source tree, where the package's compiled extension is absent), so it
imports nothing from the package.
"""

import torch

__all__ = ["trunc", "to32", "TruncatedProduct"]


def _mask(m):
    """0xFFFFFFFF << (23 - m) as a signed 32-bit integer (torch has no
    uint32)."""
    return -(1 << (23 - m))


def trunc(t, m):
    """trunc_m of each element's binary32 value, in the tensor's dtype
    (float64 is rounded to binary32 first); m >= 23 only rounds."""
    x = t.detach().to(torch.float32)
    if m >= 23:
        return x.to(t.dtype)
    masked = (x.view(torch.int32) & _mask(m)).view(torch.float32)
    return torch.where(torch.isnan(x), x, masked).to(t.dtype)


def to32(t):
    """Rounds to binary32 and back: FramNN's activations are float32."""
    return t.to(torch.float32).to(t.dtype)


class TruncatedProduct(torch.autograd.Function):
    """``to32(fn(trunc(a, m), trunc(b, m)))``.

    Backward: autograd of ``fn`` on the untruncated operands (``mode``
    ``"framnn"``), or on trunc_m of the operands and of the incoming
    gradient, rounded to binary32 (``"approx"``)."""

    @staticmethod
    def forward(ctx, a, b, fn, m, mode):
        ctx.save_for_backward(a, b)
        ctx.fn, ctx.m, ctx.mode = fn, m, mode
        return to32(fn(trunc(a, m), trunc(b, m)))

    @staticmethod
    def backward(ctx, dy):
        a, b = ctx.saved_tensors
        if ctx.mode == "approx":
            a, b, dy = trunc(a, ctx.m), trunc(b, ctx.m), trunc(dy, ctx.m)
        with torch.enable_grad():
            a_ = a.detach().requires_grad_(True)
            b_ = b.detach().requires_grad_(True)
            y = ctx.fn(a_, b_)
            ga, gb = torch.autograd.grad(y, (a_, b_), dy, allow_unused=True)
        if ctx.mode == "approx":
            ga = None if ga is None else to32(ga)
            gb = None if gb is None else to32(gb)
        return ga, gb, None, None, None
