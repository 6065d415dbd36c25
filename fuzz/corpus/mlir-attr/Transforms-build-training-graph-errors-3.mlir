func.func @logits_3d(%x: tensor<?x2x2xf32>) -> tensor<?x2x2xf32> {
  return %x : tensor<?x2x2xf32>
}
