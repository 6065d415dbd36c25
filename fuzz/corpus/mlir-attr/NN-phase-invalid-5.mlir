func.func @value_not_visible_outside(%x: tensor<4xf32>) -> tensor<4xf32> {
  nn.phase forward {
    %y = nn.relu %x : tensor<4xf32>
  }
  return %y : tensor<4xf32>
}
