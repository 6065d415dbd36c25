func.func @constant_vector() -> vector<2xf32> {
  %0 = nn.constant dense<[1.0, 2.0]> : vector<2xf32>
  return %0 : vector<2xf32>
}
