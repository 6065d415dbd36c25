// The gradient rules of the issue-14 ops: the backward ops each one emits
// in @<model>_grad (exact mode). Each model reads a parameter through the
// op under test so that the rule runs.
// RUN: framnn-opt %s -split-input-file -nn-build-training-graph | FileCheck %s

module {
  ml_program.global private @w(dense<0.5> : tensor<4x3xf32>) : tensor<4x3xf32>
  func.func @unary(%x: tensor<?x4xf32>) -> tensor<?x3xf32> {
    %w = ml_program.global_load_const @w : tensor<4x3xf32>
    %h = nn.matmul %x, %w : (tensor<?x4xf32>, tensor<4x3xf32>) -> tensor<?x3xf32>
    %a = nn.erf %h : tensor<?x3xf32>
    %b = nn.sqrt %a : tensor<?x3xf32>
    %c = nn.neg %b : tensor<?x3xf32>
    %d = nn.reciprocal %c : tensor<?x3xf32>
    %e = nn.log %d : tensor<?x3xf32>
    return %e : tensor<?x3xf32>
  }
}
// CHECK-LABEL: func.func @unary_grad(
// CHECK: nn.phase backward
// log: dy / x
// CHECK: %[[DLOG:.*]] = nn.div %{{.*}}, %[[D:.*]] : (tensor<?x3xf32>, tensor<?x3xf32>) -> tensor<?x3xf32>
// reciprocal: dy * -(y * y)
// CHECK: %[[YY:.*]] = nn.mul %[[D]], %[[D]]
// CHECK: %[[NYY:.*]] = nn.neg %[[YY]]
// CHECK: %[[DREC:.*]] = nn.mul %[[DLOG]], %[[NYY]]
// neg: -dy
// CHECK: %[[DNEG:.*]] = nn.neg %[[DREC]]
// sqrt: dy / (2 * y)
// CHECK: %[[TWO:.*]] = nn.constant dense<2.000000e+00> : tensor<f32>
// CHECK: %[[TWOY:.*]] = nn.mul %[[TWO]], %[[B:.*]] {multiplier = #approx.precision<23>} :
// CHECK: %[[DSQRT:.*]] = nn.div %[[DNEG]], %[[TWOY]]
// erf: dy * 2/sqrt(pi) * exp(-x^2)
// CHECK: %[[XX:.*]] = nn.mul %[[H:.*]], %[[H]]
// CHECK: %[[NXX:.*]] = nn.neg %[[XX]]
// CHECK: %[[EX:.*]] = nn.exp %[[NXX]]
// CHECK: %[[K:.*]] = nn.constant dense<1.12837923> : tensor<f32>
// CHECK: %[[G:.*]] = nn.mul %[[K]], %[[EX]]
// CHECK: nn.mul %[[DSQRT]], %[[G]]

// -----

module {
  ml_program.global private @w(dense<0.5> : tensor<4x3xf32>) : tensor<4x3xf32>
  ml_program.global private @e(dense<2.0> : tensor<3xf32>) : tensor<3xf32>
  func.func @pow(%x: tensor<?x4xf32>) -> tensor<?x3xf32> {
    %w = ml_program.global_load_const @w : tensor<4x3xf32>
    %e = ml_program.global_load_const @e : tensor<3xf32>
    %h = nn.matmul %x, %w : (tensor<?x4xf32>, tensor<4x3xf32>) -> tensor<?x3xf32>
    %p = nn.pow %h, %e : (tensor<?x3xf32>, tensor<3xf32>) -> tensor<?x3xf32>
    return %p : tensor<?x3xf32>
  }
}
// Base: dy * (e * h^(e - 1)); exponent: sum over the batch of dy * (y * log(h)).
// CHECK-LABEL: func.func @pow_grad(
// CHECK: nn.phase backward
// CHECK: nn.softmax_cross_entropy_grad
// CHECK: %[[ONE:.*]] = nn.constant dense<1.000000e+00> : tensor<f32>
// CHECK: %[[EM1:.*]] = nn.sub %[[E:.*]], %[[ONE]] : (tensor<3xf32>, tensor<f32>) -> tensor<3xf32>
// CHECK: %[[P:.*]] = nn.pow %[[H:.*]], %[[EM1]]
// CHECK: %[[EP:.*]] = nn.mul %[[E]], %[[P]]
// CHECK: nn.mul %[[DY:.*]], %[[EP]]
// CHECK: %[[LOG:.*]] = nn.log %[[H]]
// CHECK: %[[YL:.*]] = nn.mul %[[Y:.*]], %[[LOG]]
// CHECK: %[[DE:.*]] = nn.mul %[[DY]], %[[YL]]
// CHECK: nn.reduce_sum %[[DE]] {axes = array<i64: 0>, keepdims = false} : (tensor<?x3xf32>) -> tensor<3xf32>

// -----

module {
  ml_program.global private @w(dense<0.5> : tensor<4x3xf32>) : tensor<4x3xf32>
  func.func @clip(%x: tensor<?x4xf32>) -> tensor<?x3xf32> {
    %w = ml_program.global_load_const @w : tensor<4x3xf32>
    %h = nn.matmul %x, %w : (tensor<?x4xf32>, tensor<4x3xf32>) -> tensor<?x3xf32>
    %hi = nn.constant dense<1.0> : tensor<f32>
    %c = nn.clip %h max %hi : (tensor<?x3xf32>, tensor<f32>) -> tensor<?x3xf32>
    return %c : tensor<?x3xf32>
  }
}
// CHECK-LABEL: func.func @clip_grad(
// CHECK: nn.phase backward
// CHECK: nn.clip_grad %[[H:.*]], %{{.*}} max %[[HI:.*]] : (tensor<?x3xf32>, tensor<?x3xf32>, tensor<f32>) -> tensor<?x3xf32>

// -----

module {
  ml_program.global private @w(dense<0.5> : tensor<4x6xf32>) : tensor<4x6xf32>
  func.func @reduce(%x: tensor<?x4xf32>) -> tensor<?x3xf32> {
    %w = ml_program.global_load_const @w : tensor<4x6xf32>
    %h = nn.matmul %x, %w : (tensor<?x4xf32>, tensor<4x6xf32>) -> tensor<?x6xf32>
    %r = nn.reshape %h {shape = array<i64: -1, 3, 2>, allowzero = false} : (tensor<?x6xf32>) -> tensor<?x3x2xf32>
    %m = nn.reduce_mean %r {axes = array<i64: -1>, keepdims = false} : (tensor<?x3x2xf32>) -> tensor<?x3xf32>
    %s = nn.reduce_sum %r {axes = array<i64: 2>, keepdims = true} : (tensor<?x3x2xf32>) -> tensor<?x3x1xf32>
    %s2 = nn.reshape %s {shape = array<i64: -1, 3>, allowzero = false} : (tensor<?x3x1xf32>) -> tensor<?x3xf32>
    %mx = nn.reduce_max %r {axes = array<i64: 2>, keepdims = false} : (tensor<?x3x2xf32>) -> tensor<?x3xf32>
    %a = nn.add %m, %s2 : (tensor<?x3xf32>, tensor<?x3xf32>) -> tensor<?x3xf32>
    %b = nn.add %a, %mx : (tensor<?x3xf32>, tensor<?x3xf32>) -> tensor<?x3xf32>
    return %b : tensor<?x3xf32>
  }
}
// Keepdims form, broadcast against a -0.0 splat over the reduced
// dimensions; mean divides by the count; max passes to the ties.
// CHECK-LABEL: func.func @reduce_grad(
// CHECK: nn.phase backward
// CHECK: %[[MXY:.*]] = nn.reshape %[[MX:.*]] {allowzero = false, shape = array<i64: -1, 3, 1>} : (tensor<?x3xf32>) -> tensor<?x3x1xf32>
// CHECK: nn.reduce_max_grad %[[R:.*]], %{{.*}}, %{{.*}} {axes = array<i64: 2>} : (tensor<?x3x2xf32>, tensor<?x3x1xf32>, tensor<?x3x1xf32>) -> tensor<?x3x2xf32>
// CHECK: %[[Z:.*]] = nn.constant dense<-0.000000e+00> : tensor<1x1x2xf32>
// CHECK: nn.add %{{.*}}, %[[Z]] : (tensor<?x3x1xf32>, tensor<1x1x2xf32>) -> tensor<?x3x2xf32>
// CHECK: %[[Z2:.*]] = nn.constant dense<-0.000000e+00> : tensor<1x1x2xf32>
// CHECK: %[[B:.*]] = nn.add %{{.*}}, %[[Z2]] : (tensor<?x3x1xf32>, tensor<1x1x2xf32>) -> tensor<?x3x2xf32>
// CHECK: %[[TWO:.*]] = nn.constant dense<2.000000e+00> : tensor<f32>
// CHECK: nn.div %[[B]], %[[TWO]]

// -----

module {
  ml_program.global private @w(dense<0.5> : tensor<4x6xf32>) : tensor<4x6xf32>
  ml_program.global private @s(dense<1.5> : tensor<6xf32>) : tensor<6xf32>
  ml_program.global private @b(dense<0.5> : tensor<6xf32>) : tensor<6xf32>
  func.func @ln(%x: tensor<?x4xf32>) -> tensor<?x6xf32> {
    %w = ml_program.global_load_const @w : tensor<4x6xf32>
    %s = ml_program.global_load_const @s : tensor<6xf32>
    %b = ml_program.global_load_const @b : tensor<6xf32>
    %h = nn.matmul %x, %w : (tensor<?x4xf32>, tensor<4x6xf32>) -> tensor<?x6xf32>
    %y, %m, %i = nn.layer_norm %h, %s, %b {axis = -1 : i64, epsilon = 1.0e-5 : f32}
        : (tensor<?x6xf32>, tensor<6xf32>, tensor<6xf32>) -> (tensor<?x6xf32>, tensor<?x1xf32>, tensor<?x1xf32>)
    return %y : tensor<?x6xf32>
  }
}
// xhat from the forward's Mean and InvStdDev; dx = inv * (g - mean(g) -
// xhat * mean(g * xhat)) with g = dy * scale; dscale and dbias sum over
// the batch.
// CHECK-LABEL: func.func @ln_grad(
// CHECK: %{{.*}}:{{[0-9]+}} = nn.phase forward
// CHECK: %{{.*}}, %{{.*}}, %{{.*}} = nn.layer_norm
// CHECK: nn.phase backward
// CHECK: %[[C:.*]] = nn.sub %{{[^ ]+}}, %{{[^ ]+}} : (tensor<?x6xf32>, tensor<?x1xf32>) -> tensor<?x6xf32>
// CHECK: %[[XHAT:.*]] = nn.mul %[[C]], %[[I:[^ ]+]] {multiplier = #approx.precision<23>} :
// CHECK: %[[G:.*]] = nn.mul %[[DY:.*]], %[[S:.*]] {multiplier = #approx.precision<23>} : (tensor<?x6xf32>, tensor<6xf32>) -> tensor<?x6xf32>
// CHECK: %[[MG:.*]] = nn.reduce_mean %[[G]] {axes = array<i64: 1>, keepdims = true}
// CHECK: %[[CG:.*]] = nn.sub %[[G]], %[[MG]]
// CHECK: %[[GX:.*]] = nn.mul %[[G]], %[[XHAT]]
// CHECK: %[[MGX:.*]] = nn.reduce_mean %[[GX]] {axes = array<i64: 1>, keepdims = true}
// CHECK: %[[T:.*]] = nn.mul %[[XHAT]], %[[MGX]]
// CHECK: %[[D:.*]] = nn.sub %[[CG]], %[[T]]
// CHECK: nn.mul %[[I]], %[[D]]
// CHECK: %[[DYX:.*]] = nn.mul %[[DY]], %[[XHAT]]
// CHECK: nn.reduce_sum %[[DYX]] {axes = array<i64: 0>, keepdims = false} : (tensor<?x6xf32>) -> tensor<6xf32>
// CHECK: nn.reduce_sum %[[DY]] {axes = array<i64: 0>, keepdims = false} : (tensor<?x6xf32>) -> tensor<6xf32>

// -----

module {
  ml_program.global private @w(dense<0.5> : tensor<4x5xf32>) : tensor<4x5xf32>
  func.func @slice(%x: tensor<?x4xf32>) -> tensor<?x2xf32> {
    %w = ml_program.global_load_const @w : tensor<4x5xf32>
    %h = nn.matmul %x, %w : (tensor<?x4xf32>, tensor<4x5xf32>) -> tensor<?x5xf32>
    %s = nn.slice %h {starts = array<i64: -1>, ends = array<i64: 0>, axes = array<i64: 1>, steps = array<i64: -3>}
        : (tensor<?x5xf32>) -> tensor<?x2xf32>
    return %s : tensor<?x2xf32>
  }
}
// CHECK-LABEL: func.func @slice_grad(
// CHECK: nn.phase backward
// CHECK: nn.slice_grad %{{.*}}, %[[H:.*]] {axes = array<i64: 1>, ends = array<i64: 0>, starts = array<i64: -1>, steps = array<i64: -3>} : (tensor<?x2xf32>, tensor<?x5xf32>) -> tensor<?x5xf32>
