// RUN: framnn-opt --convert-nn-to-linalg %s -split-input-file -verify-diagnostics

// A reshape to rank 0 has no lowering yet (1-D MatMul operands, the former
// example here, now lower: see contractions.mlir and ops-vs-torch.test).
func.func @reshape_rank0(%a: tensor<1xf32>) -> tensor<f32> {
  // expected-error @+1 {{'nn.reshape' with these operand types or attributes has no lowering to linalg yet}}
  %0 = nn.reshape %a {shape = array<i64>, allowzero = false} : (tensor<1xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}
