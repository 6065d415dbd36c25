func.func @entry(%x: f32) -> f32 {
  %0 = call @helper(%x) : (f32) -> f32
  return %0 : f32
}

func.func private @helper(%x: f32) -> f32 {
  return %x : f32
}

func.func private @declared(f32) -> f32
