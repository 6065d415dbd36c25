module attributes {nn.training_mode = "exact"} {
}
