func.func @phases(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %y = nn.phase forward {
    %r = nn.relu %x : tensor<4xf32>
    nn.yield %r : tensor<4xf32>
  } : tensor<4xf32>
  %g = nn.phase backward {
    %d = nn.relu_grad %x, %y : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
    nn.yield %d : tensor<4xf32>
  } : tensor<4xf32>
  nn.phase update {
  }
  return %y, %g : tensor<4xf32>, tensor<4xf32>
}
