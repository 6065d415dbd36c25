//===- SweepReport.h - the report formats of a sweep -------------*- C++ -*-===//
//
// `framnn sweep`'s results as a table, CSV and JSON.
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_DRIVER_SWEEPREPORT_H
#define FRAMNN_DRIVER_SWEEPREPORT_H

#include "framnn/Driver/Sweep.h"

#include <string>
#include <vector>

namespace framnn {

/// Everything the report formats record.
struct SweepReport {
  std::string model;
  std::string dataset;
  std::string split;
  int64_t samples = 0;
  std::vector<std::string> opKinds;
  std::vector<SweepPoint> points;
};

/// The report of `points` measured on `prepared`'s data; empty `opKinds`
/// stands for the default MAC kinds (gemm, matmul, conv).
SweepReport makeSweepReport(const std::string &model,
                            const PreparedEval &prepared,
                            std::vector<std::string> opKinds,
                            std::vector<SweepPoint> points);

/// `m  w  accuracy  seconds`, one row per point, the exact reference marked.
std::string formatSweepTable(const SweepReport &report);
/// Header `mantissa_bits,multiplier_bits,accuracy,correct,samples,seconds`.
std::string formatSweepCSV(const SweepReport &report);
/// {"model", "dataset", "split", "samples", "approx_ops", "results": [
///   {"mantissa_bits", "multiplier_bits", "accuracy", "correct",
///    "seconds"}, ...]}
std::string formatSweepJSON(const SweepReport &report);

} // namespace framnn

#endif // FRAMNN_DRIVER_SWEEPREPORT_H
