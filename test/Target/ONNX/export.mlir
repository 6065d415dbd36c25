// Export: the model header (the module's producer kept, IR version 8 when
// the module names none), parameters as initializers under their symbol
// names, arguments and results as graph inputs and outputs under their
// nn.name (dynamic sizes as dim_params), node names from NameLocs, and the
// nn attributes that ONNX takes as inputs written as Constant nodes (the
// initializers are exactly the parameters: a float initializer would read as
// a trainable one).
//
// RUN: framnn-translate --export-onnx %s -o %t.onnx
// RUN: %python %S/Inputs/print_model.py %t.onnx | FileCheck %s
// RUN: %python -c "import onnx; onnx.checker.check_model(onnx.load('%t.onnx'))"

// CHECK: ir_version 8 producer someone else
// CHECK-NEXT: opset '' 13
// CHECK-NEXT: graph tiny
// CHECK-NEXT: input input [N, 4]
// CHECK-NEXT: input mask [N, N1]
// CHECK-NEXT: output logits [N, 3]
// CHECK-NEXT: output padded [N, 5]
// CHECK-NEXT: output again [N, 5]
// CHECK-NEXT: output input_copy [N, 4]
// CHECK-NEXT: output output_4 [2]
// CHECK-NEXT: initializer fc/weight FLOAT [3, 4] = ...
// CHECK-NEXT: initializer fc.bias FLOAT [3] = [0.5, -0.5, 0.0]
// CHECK-NEXT: node 'fc' Gemm (input, fc/weight, fc.bias) -> (fc) alpha=1.0 beta=1.0 transA=0 transB=1
// CHECK-NEXT: node 'Constant_view_shape' Constant () -> (view_shape) value=[-1, 3]
// CHECK-NEXT: node 'view' Reshape (fc, view_shape) -> (logits)
// CHECK-NEXT: node 'Constant_pad_pads' Constant () -> (pad_pads) value=[0, 1, 0, 1]
// CHECK-NEXT: node 'Constant_pad_value' Constant () -> (pad_value) value=1.5
// CHECK-NEXT: node 'pad' Pad (logits, pad_pads, pad_value) -> (padded) mode=constant
// CHECK-NEXT: node 'Constant_drop_ratio' Constant () -> (drop_ratio) value=0.25
// CHECK-NEXT: node 'drop' Dropout (padded, drop_ratio) -> (drop) 
// CHECK-NEXT: node 'Relu_t' Relu (drop) -> (t) 
// CHECK-NEXT: node 'Constant_output_4' Constant () -> (output_4) value=[1.0, 2.0]
// CHECK-NEXT: node 'Identity_again' Identity (padded) -> (again) 
// CHECK-NEXT: node 'Identity_input_copy' Identity (input) -> (input_copy) 

module attributes {nn.graph_name = "tiny", nn.producer_name = "someone else"} {
  ml_program.global private @"fc/weight"(dense<1.0> : tensor<3x4xf32>) : tensor<3x4xf32>
  ml_program.global private @fc.bias(dense<[0.5, -0.5, 0.0]> : tensor<3xf32>) : tensor<3xf32>
  func.func @main(%x: tensor<?x4xf32> {nn.name = "input"}, %m: tensor<?x?xf32> {nn.name = "mask"})
      -> (tensor<?x3xf32> {nn.name = "logits"}, tensor<?x5xf32> {nn.name = "padded"},
          tensor<?x5xf32> {nn.name = "again"}, tensor<?x4xf32> {nn.name = "input_copy"},
          tensor<2xf32>) {
    %w = ml_program.global_load_const @"fc/weight" : tensor<3x4xf32>
    %b = ml_program.global_load_const @fc.bias : tensor<3xf32>
    %0 = nn.gemm %x, %w, %b {alpha = 1.0 : f32, beta = 1.0 : f32, transA = false, transB = true} : (tensor<?x4xf32>, tensor<3x4xf32>, tensor<3xf32>) -> tensor<?x3xf32> loc("fc")
    %1 = nn.reshape %0 {allowzero = false, shape = array<i64: -1, 3>} : (tensor<?x3xf32>) -> tensor<?x3xf32> loc("view")
    %2 = nn.pad %1 {mode = "constant", pads = array<i64: 0, 1, 0, 1>, value = 1.5 : f32} : (tensor<?x3xf32>) -> tensor<?x5xf32> loc("pad")
    %3 = nn.dropout %2 {ratio = 0.25 : f32} : tensor<?x5xf32> loc("drop")
    %4 = nn.relu %3 : tensor<?x5xf32>
    %5 = nn.constant dense<[1.0, 2.0]> : tensor<2xf32>
    return %1, %2, %2, %x, %5 : tensor<?x3xf32>, tensor<?x5xf32>, tensor<?x5xf32>, tensor<?x4xf32>, tensor<2xf32>
  }
}
