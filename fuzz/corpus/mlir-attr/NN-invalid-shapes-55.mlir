func.func @concat_empty() {
  %0 = nn.concat {axis = 0 : i64} : () -> tensor<3xf32>
  return
}
