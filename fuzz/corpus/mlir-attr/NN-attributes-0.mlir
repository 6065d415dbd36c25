module attributes {nn.graph_name = "g", nn.ir_version = 8 : i64, nn.metadata_props = {author = "me"}, nn.opset = 13 : i64, nn.precision_schedule = {epochs = 2 : i64, policy = "uniform"}, nn.producer_name = "p", nn.producer_version = "1"} {
  func.func @step(%x: tensor<2xf32> {nn.name = "x"}, %w: tensor<2xf32> {nn.parameter = "w"})
      -> (tensor<2xf32> {nn.name = "y"}, tensor<2xf32> {nn.gradient = "w"}, tensor<2xf32> {nn.parameter_update = "w"})
      attributes {nn.training_mode = "framnn"} {
    return %x, %w, %w : tensor<2xf32>, tensor<2xf32>, tensor<2xf32>
  }

  func.func @out_parameters(%g: memref<2xf32> {nn.gradient = "w"}, %u: memref<2xf32> {nn.parameter_update = "w"}, %l: memref<f32> {nn.name = "loss"}) {
    return
  }
}
