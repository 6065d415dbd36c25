// Lowering of nn.gather (clamped read + the index-error flag that
// framnn-declare-index-error-flag declares), nn.expand with a run-time size
// taken from its dim source, and nn.where / nn.equal / nn.cast as
// elementwise generics; an i1 constant is stored as i8 and truncated.
// (Numbers: test/Run/shape-ops.test.)
// RUN: framnn-opt --framnn-declare-index-error-flag --convert-nn-to-linalg %s | FileCheck %s
// Without the flag (convert-nn-to-linalg alone) a gather only clamps.
// RUN: framnn-opt --convert-nn-to-linalg %s | FileCheck %s --check-prefix=NOFLAG

// CHECK: memref.global @framnn_index_error : memref<1xi64> = dense<0>
// CHECK-LABEL: func.func @gather
// CHECK: %[[ANY:.*]] = linalg.generic {{.*}} iterator_types = ["reduction", "reduction"]} ins(%arg1 : tensor<3x2xi64>) outs(%{{.*}} : tensor<i1>)
// CHECK: arith.cmpi slt
// CHECK: arith.cmpi sge
// CHECK: %[[HIT:.*]] = tensor.extract %[[ANY]][] : tensor<i1>
// CHECK-NEXT: scf.if %[[HIT]] {
// CHECK-NEXT: %[[FLAG:.*]] = memref.get_global @framnn_index_error : memref<1xi64>
// CHECK-NEXT: memref.store %{{.*}}, %[[FLAG]][%{{.*}}] : memref<1xi64>
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "parallel"]} ins(%arg1 : tensor<3x2xi64>) outs(%{{.*}} : tensor<3x2x4xf32>)
// CHECK: arith.maxsi
// CHECK: arith.minsi
// CHECK: tensor.extract %arg0[%{{.*}}, %{{.*}}] : tensor<10x4xf32>
// NOFLAG-NOT: memref.global
// NOFLAG-NOT: scf.if
// NOFLAG-LABEL: func.func @gather
// NOFLAG: arith.minsi
func.func @gather(%t: tensor<10x4xf32>, %ids: tensor<3x2xi64>) -> tensor<3x2x4xf32> {
  %0 = nn.gather %t, %ids {axis = 0 : i64} : (tensor<10x4xf32>, tensor<3x2xi64>) -> tensor<3x2x4xf32>
  return %0 : tensor<3x2x4xf32>
}

// CHECK-LABEL: func.func @expand
// CHECK: %[[B:.*]] = tensor.dim %arg1, %c0 : tensor<?x5x8xf32>
// CHECK: tensor.empty(%[[B]]) : tensor<?x1x8xf32>
// CHECK: linalg.generic {indexing_maps = [#{{.*}}, #{{.*}}], iterator_types = ["parallel", "parallel", "parallel"]} ins(%arg0 : tensor<1x1x8xf32>)
func.func @expand(%cls: tensor<1x1x8xf32>, %x: tensor<?x5x8xf32>) -> tensor<?x1x8xf32> {
  %0 = nn.expand %cls, %x {shape = array<i64: -1, 1, 1>, source_dims = array<i64: 0>} : (tensor<1x1x8xf32>, tensor<?x5x8xf32>) -> tensor<?x1x8xf32>
  return %0 : tensor<?x1x8xf32>
}

// CHECK-LABEL: func.func @where_equal_cast
// CHECK: %[[BYTES:.*]] = arith.constant dense<[1, 0, 1, 0]> : tensor<4xi8>
// CHECK: %[[MASK:.*]] = linalg.generic {{.*}} ins(%[[BYTES]] : tensor<4xi8>)
// CHECK: arith.trunci %{{.*}} : i8 to i1
// CHECK: %[[EQ:.*]] = linalg.generic {{.*}} ins(%arg0, %{{.*}} : tensor<4xi64>, tensor<i64>)
// CHECK: arith.cmpi eq
// CHECK: linalg.generic {{.*}} ins(%[[MASK]], %arg1, %arg1 : tensor<4xi1>, tensor<4xf32>, tensor<4xf32>)
// CHECK: arith.select
// CHECK: linalg.generic {{.*}} ins(%[[EQ]] : tensor<4xi1>) outs(%{{.*}} : tensor<4xi32>)
// CHECK: arith.extui %{{.*}} : i1 to i32
func.func @where_equal_cast(%a: tensor<4xi64>, %x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xi32>) {
  %m = nn.constant dense<[true, false, true, false]> : tensor<4xi1>
  %z = nn.constant dense<0> : tensor<i64>
  %e = nn.equal %a, %z : (tensor<4xi64>, tensor<i64>) -> tensor<4xi1>
  %w = nn.where %m, %x, %x : (tensor<4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %c = nn.cast %e {to = i32} : (tensor<4xi1>) -> tensor<4xi32>
  return %w, %c : tensor<4xf32>, tensor<4xi32>
}
