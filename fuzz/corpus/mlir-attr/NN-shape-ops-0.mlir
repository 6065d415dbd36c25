func.func @gather(%t: tensor<100x32xf32>, %ids: tensor<?x7xi64>, %x: tensor<?x5x64xf32>, %i: tensor<i32>)
    -> (tensor<?x7x32xf32>, tensor<?x64xf32>, tensor<100x32xf32>) {
  %0 = nn.gather %t, %ids {axis = 0 : i64} : (tensor<100x32xf32>, tensor<?x7xi64>) -> tensor<?x7x32xf32>
  %1 = nn.gather %x, %i {axis = -2 : i64} : (tensor<?x5x64xf32>, tensor<i32>) -> tensor<?x64xf32>
  %2 = nn.gather_grad %t, %ids, %0 {axis = 0 : i64} : (tensor<100x32xf32>, tensor<?x7xi64>, tensor<?x7x32xf32>) -> tensor<100x32xf32>
  return %0, %1, %2 : tensor<?x7x32xf32>, tensor<?x64xf32>, tensor<100x32xf32>
}

func.func @where_equal_cast(%ids: tensor<?x7xi64>, %pad: tensor<i64>, %x: tensor<1x7xf32>, %y: tensor<f32>)
    -> (tensor<?x7xf32>, tensor<?x7xf32>, tensor<?x7xi32>) {
  %0 = nn.equal %ids, %pad : (tensor<?x7xi64>, tensor<i64>) -> tensor<?x7xi1>
  %1 = nn.where %0, %x, %y : (tensor<?x7xi1>, tensor<1x7xf32>, tensor<f32>) -> tensor<?x7xf32>
  %2 = nn.cast %ids {to = f32} : (tensor<?x7xi64>) -> tensor<?x7xf32>
  %3 = nn.cast %0 {to = i32} : (tensor<?x7xi1>) -> tensor<?x7xi32>
  return %1, %2, %3 : tensor<?x7xf32>, tensor<?x7xf32>, tensor<?x7xi32>
}

func.func @expand(%cls: tensor<1x1x64xf32>, %x: tensor<?x16x64xf32>, %v: tensor<3x4xf32>)
    -> (tensor<?x1x64xf32>, tensor<2x3x4xf32>, tensor<2xi64>) {
  %0 = nn.expand %cls, %x {shape = array<i64: -1, 1, 1>, source_dims = array<i64: 0>} : (tensor<1x1x64xf32>, tensor<?x16x64xf32>) -> tensor<?x1x64xf32>
  %1 = nn.expand %v {shape = array<i64: 2, 3, 1>, source_dims = array<i64>} : (tensor<3x4xf32>) -> tensor<2x3x4xf32>
  %2 = nn.constant dense<[1, -1]> : tensor<2xi64>
  return %0, %1, %2 : tensor<?x1x64xf32>, tensor<2x3x4xf32>, tensor<2xi64>
}
