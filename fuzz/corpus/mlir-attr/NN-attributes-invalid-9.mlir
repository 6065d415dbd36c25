module attributes {nn.opset = "13"} {
}
