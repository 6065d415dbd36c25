func.func @flatten_inner(%x: tensor<?x4294967296x4294967296xf32>) {
  %0 = nn.flatten %x {axis = 1 : i64} : (tensor<?x4294967296x4294967296xf32>) -> tensor<?x1xf32>
  return
}
