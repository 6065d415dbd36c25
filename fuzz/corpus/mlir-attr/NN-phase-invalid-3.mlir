func.func @unknown_kind() {
  nn.phase sideways {
  }
  return
}
