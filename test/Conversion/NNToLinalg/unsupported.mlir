// RUN: framnn-opt --convert-nn-to-linalg %s -split-input-file -verify-diagnostics

func.func @matmul_1d(%a: tensor<6xf32>, %b: tensor<6x5xf32>) -> tensor<5xf32> {
  // expected-error @+1 {{'nn.matmul' with these operand types or attributes has no lowering to linalg yet}}
  %0 = nn.matmul %a, %b : (tensor<6xf32>, tensor<6x5xf32>) -> tensor<5xf32>
  return %0 : tensor<5xf32>
}
