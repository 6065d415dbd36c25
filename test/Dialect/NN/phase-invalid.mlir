// Verifier errors of nn.phase and nn.yield.
// RUN: framnn-opt %s -split-input-file -verify-diagnostics

func.func @yield_type_mismatch(%x: tensor<4xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{'nn.phase' op yields 1 values of types ('tensor<4xf32>') but has 1 results of types ('tensor<3xf32>')}}
  %r = nn.phase forward {
    nn.yield %x : tensor<4xf32>
  } : tensor<3xf32>
  return %r : tensor<3xf32>
}

// -----

func.func @yield_count_mismatch(%x: tensor<4xf32>) {
  // expected-error @+1 {{'nn.phase' op yields 1 values}}
  nn.phase backward {
    nn.yield %x : tensor<4xf32>
  }
  return
}

// -----

func.func @nested(%x: tensor<4xf32>) {
  nn.phase forward {
    // expected-error @+1 {{'nn.phase' op cannot be nested in another nn.phase}}
    nn.phase backward {
    }
  }
  return
}

// -----

func.func @unknown_kind() {
  // expected-error @+1 {{expected string or keyword containing one of the following enum values for attribute 'kind' [forward, backward, update]}}
  nn.phase sideways {
  }
  return
}

// -----

func.func @yield_outside_phase(%x: tensor<4xf32>) {
  // expected-error @+1 {{'nn.yield' op expects parent op 'nn.phase'}}
  nn.yield %x : tensor<4xf32>
}

// -----

func.func @value_not_visible_outside(%x: tensor<4xf32>) -> tensor<4xf32> {
  nn.phase forward {
    %y = nn.relu %x : tensor<4xf32>
  }
  // Values defined inside a phase are visible only through its results.
  // expected-error @+1 {{use of undeclared SSA value name}}
  return %y : tensor<4xf32>
}
