func.func @scalar() -> f32 {
  %x = arith.constant 1.75 : f32
  %t = approx.reduce_precision #approx.precision<1> %x : f32
  return %t : f32
}

func.func @elements() -> tensor<5xf32> {
  %x = arith.constant dense<[0x3FFFFFFF, 0x7F800001, 0x80000000, 0x7F800000, 0x007FFFFF]> : tensor<5xf32>
  %t = approx.reduce_precision #approx.precision<3> %x : tensor<5xf32>
  return %t : tensor<5xf32>
}

func.func @splat() -> vector<4xf32> {
  %x = arith.constant dense<1.99> : vector<4xf32>
  %t = approx.reduce_precision #approx.precision<0> %x : vector<4xf32>
  return %t : vector<4xf32>
}

func.func @exact(%a: tensor<4xf32>, %b: f16) -> (tensor<4xf32>, f16) {
  %t = approx.reduce_precision #approx.precision<23> %a : tensor<4xf32>
  %u = approx.reduce_precision #approx.precision<10, nearest_even> %b : f16
  return %t, %u : tensor<4xf32>, f16
}

func.func @nearest_even() -> f32 {
  %x = arith.constant 1.75 : f32
  %t = approx.reduce_precision #approx.precision<1, nearest_even> %x : f32
  return %t : f32
}

func.func @stochastic_tensor() -> tensor<8xf32> {
  %x = arith.constant dense<1.75> : tensor<8xf32>
  %t = approx.reduce_precision #approx.precision<1, stochastic, seed = 4> %x : tensor<8xf32>
  return %t : tensor<8xf32>
}

func.func @kept(%a: f32, %m: tensor<i64> {approx.mantissa_bits}) -> (f32, f16, f32, f32) {
  %x = arith.constant 1.75 : f32
  %h = arith.constant 1.75 : f16
  %0 = approx.reduce_precision #approx.precision<1> %a : f32
  %1 = approx.reduce_precision #approx.precision<1> %h : f16
  %2 = approx.reduce_precision #approx.runtime_precision %x : f32
  %3 = approx.reduce_precision #approx.precision<1, stochastic> %x : f32
  return %0, %1, %2, %3 : f32, f16, f32, f32
}

func.func @mitchell() -> (tensor<4xf32>, f32, tensor<2xf32>) {
  %a = arith.constant dense<[1.5, 1.25, -3.0, 0.0]> : tensor<4xf32>
  %b = arith.constant dense<[1.5, 1.25, 0.75, 0x7F800000]> : tensor<4xf32>
  %0 = approx.mulf #approx.mitchell %a, %b : tensor<4xf32>
  %x = arith.constant 1.25 : f32
  %1 = approx.mulf #approx.mitchell<compensation = 2> %x, %x : f32
  %c = arith.constant dense<[1.5, 1.25]> : tensor<2xf32>
  %2 = approx.mulf #approx.mitchell<compensation = 1> %c, %c : tensor<2xf32>
  return %0, %1, %2 : tensor<4xf32>, f32, tensor<2xf32>
}

func.func @mulf_precision() -> tensor<3xf32> {
  %a = arith.constant dense<1.75> : tensor<3xf32>
  %b = arith.constant dense<1.875> : tensor<3xf32>
  %0 = approx.mulf #approx.precision<1> %a, %b : tensor<3xf32>
  return %0 : tensor<3xf32>
}

func.func @mulf_kept(%a: f32, %m: tensor<i64> {approx.mantissa_bits}) -> (f32, f32, f32) {
  %x = arith.constant 1.75 : f32
  %0 = approx.mulf #approx.mitchell %a, %x : f32
  %1 = approx.mulf #approx.runtime_precision %x, %x : f32
  %2 = approx.mulf #approx.precision<1, stochastic> %x, %x : f32
  return %0, %1, %2 : f32, f32, f32
}

func.func @mantissa_table() -> (tensor<4xf32>, f32) {
  %a = arith.constant dense<[1.5, 1.75, -3.0, 2.0]> : tensor<4xf32>
  %b = arith.constant dense<[1.5, 1.25, 0.75, 0x7F800000]> : tensor<4xf32>
  %0 = approx.mulf #approx.mantissa_table<1, dense<[[4, 6], [6, 9]]> : tensor<2x2xi32>> %a, %b : tensor<4xf32>
  %x = arith.constant 1.5 : f32
  %1 = approx.mulf #approx.mantissa_table<1, dense<[[4, 6], [6, 15]]> : tensor<2x2xi32>> %x, %x : f32
  return %0, %1 : tensor<4xf32>, f32
}
