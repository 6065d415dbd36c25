func.func @unary_type_change(%x: tensor<?x10xf32>) -> tensor<?x5xf32> {
  %0 = "nn.relu"(%x) : (tensor<?x10xf32>) -> tensor<?x5xf32>
  return %0 : tensor<?x5xf32>
}
