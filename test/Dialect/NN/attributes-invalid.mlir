// The dialect's verifier of the discardable nn.* attributes: an unknown
// name, a wrong value type, or an attribute in the wrong place is an error
// (a misspelt marker would otherwise be ignored silently).
// RUN: framnn-opt %s -split-input-file -verify-diagnostics

// expected-error @+1 {{unknown nn attribute 'nn.parameters' (known: nn.name, nn.parameter, nn.gradient, nn.parameter_update, nn.training_mode, nn.precision_schedule, nn.metadata_props, nn.opset, nn.ir_version, nn.producer_name, nn.producer_version, nn.graph_name)}}
func.func @unknown_on_function() attributes {nn.parameters = "w"} {
  return
}

// -----

// expected-error @+1 {{argument #1: unknown nn attribute 'nn.param'}}
func.func @unknown_on_argument(%x: tensor<2xf32>, %w: tensor<2xf32> {nn.param = "w"}) {
  return
}

// -----

// expected-error @+1 {{argument #0: 'nn.name' must be a string, got 3 : i64}}
func.func @name_type(%x: tensor<2xf32> {nn.name = 3}) {
  return
}

// -----

// expected-error @+1 {{result #0: 'nn.gradient' must be a string, got unit}}
func.func @gradient_type(%x: tensor<2xf32>) -> (tensor<2xf32> {nn.gradient}) {
  return %x : tensor<2xf32>
}

// -----

// expected-error @+1 {{argument #0: 'nn.training_mode' is a function attribute, not a function argument attribute}}
func.func @training_mode_on_argument(%x: tensor<2xf32> {nn.training_mode = "exact"}) {
  return
}

// -----

// expected-error @+1 {{result #0: 'nn.parameter' is a function argument attribute, not a function result attribute}}
func.func @parameter_on_result(%x: tensor<2xf32>) -> (tensor<2xf32> {nn.parameter = "w"}) {
  return %x : tensor<2xf32>
}

// -----

// expected-error @+1 {{'nn.training_mode' must be "exact", "approx" or "framnn", got "fast"}}
func.func @training_mode_value() attributes {nn.training_mode = "fast"} {
  return
}

// -----

// expected-error @+1 {{'nn.training_mode' is a function attribute, not a module attribute}}
module attributes {nn.training_mode = "exact"} {
}

// -----

// expected-error @+1 {{'nn.opset' is a module attribute, not a function attribute}}
func.func @opset_on_function() attributes {nn.opset = 13} {
  return
}

// -----

// expected-error @+1 {{'nn.opset' must be an integer, got "13"}}
module attributes {nn.opset = "13"} {
}

// -----

// expected-error @+1 {{'nn.metadata_props' must be a dictionary of strings, got {author = 1 : i64}}}
module attributes {nn.metadata_props = {author = 1}} {
}

// -----

// expected-error @+1 {{'nn.precision_schedule' must be a dictionary, got "uniform:8"}}
module attributes {nn.precision_schedule = "uniform:8"} {
}

// -----

func.func @name_on_op(%x: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'nn.name' is a function argument or result attribute, not an attribute of 'nn.relu'}}
  %y = nn.relu %x {nn.name = "y"} : tensor<2xf32>
  return %y : tensor<2xf32>
}
