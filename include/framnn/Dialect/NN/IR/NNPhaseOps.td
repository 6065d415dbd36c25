//===- NNPhaseOps.td - nn dialect ops (see below) -----------*- tablegen -*-===//
//
// Included at the end of NNOps.td, so it can use NN_Op, NN_InferredOp,
// NN_Tensor and NN_I64Attr.
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_DIALECT_NN_NNPHASEOPS_TD
#define FRAMNN_DIALECT_NN_NNPHASEOPS_TD

#endif // FRAMNN_DIALECT_NN_NNPHASEOPS_TD
