func.func @runtime_precision_integer(%a: i32) -> i32 {
  %p = "approx.mulf"(%a, %a) <{multiplier = #approx.runtime_precision}> : (i32, i32) -> i32
  return %p : i32
}
