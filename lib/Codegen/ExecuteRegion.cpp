//===- ExecuteRegion.cpp - an op in an scf.execute_region of its own ------===//
#include "ExecuteRegion.h"

using namespace mlir;

scf::ExecuteRegionOp framnn::codegen::wrapInExecuteRegion(RewriterBase &rewriter,
                                                          Operation *op) {
  rewriter.setInsertionPoint(op);
  Location loc = op->getLoc();
  auto region =
      scf::ExecuteRegionOp::create(rewriter, loc, op->getResultTypes());
  op->replaceAllUsesWith(region.getResults());
  Block *body = rewriter.createBlock(&region.getRegion());
  rewriter.moveOpBefore(op, body, body->end());
  rewriter.setInsertionPointToEnd(body);
  scf::YieldOp::create(rewriter, loc, op->getResults());
  return region;
}

void framnn::codegen::inlineExecuteRegion(RewriterBase &rewriter,
                                          scf::ExecuteRegionOp region) {
  Block *body = &region.getRegion().front();
  auto yield = cast<scf::YieldOp>(body->getTerminator());
  SmallVector<Value> results(yield.getOperands());
  rewriter.eraseOp(yield);
  rewriter.inlineBlockBefore(body, region);
  rewriter.replaceOp(region, results);
}
