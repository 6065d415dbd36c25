module attributes {nn.precision_schedule = "uniform:8"} {
}
