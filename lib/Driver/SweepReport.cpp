//===- SweepReport.cpp - the report formats of a sweep --------------------===//
#include "framnn/Driver/SweepReport.h"


#include "framnn/Dialect/NN/Transforms/Passes.h"
#include "framnn/Target/ONNX/ONNXImport.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Location.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <sys/stat.h>

using namespace mlir;
using namespace framnn;

std::string framnn::formatSweepTable(const SweepReport &report) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << "  m   w  accuracy  seconds\n";
  for (const SweepPoint &p : report.points) {
    os << llvm::format("%3d %3d  %8.4f  %7.2f", p.mantissaBits,
                       p.multiplierBits(), p.result.accuracy(),
                       p.result.seconds);
    if (p.mantissaBits == kExactMantissaBits)
      os << (p.reference ? "  exact (reference)" : "  exact");
    if (!p.multiplier.empty())
      os << "  " << p.multiplier;
    os << "\n";
  }
  return text;
}

std::string framnn::formatSweepCSV(const SweepReport &report) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << "mantissa_bits,multiplier_bits,accuracy,correct,samples,seconds\n";
  for (const SweepPoint &p : report.points)
    os << llvm::format(
        "%d,%d,%.6f,%lld,%lld,%.3f\n", p.mantissaBits, p.multiplierBits(),
        p.result.accuracy(), static_cast<long long>(p.result.correct),
        static_cast<long long>(p.result.samples), p.result.seconds);
  return text;
}

std::string framnn::formatSweepJSON(const SweepReport &report) {
  std::string text;
  llvm::raw_string_ostream os(text);
  llvm::json::OStream json(os, /*IndentSize=*/2);
  auto number = [&](const char *format, double value) {
    json.rawValue(
        [&](llvm::raw_ostream &out) { out << llvm::format(format, value); });
  };
  json.object([&] {
    json.attribute("model", report.model);
    json.attribute("dataset", report.dataset);
    json.attribute("split", report.split);
    json.attribute("samples", report.samples);
    json.attributeArray("approx_ops", [&] {
      for (const std::string &kind : report.opKinds)
        json.value(kind);
    });
    json.attributeArray("results", [&] {
      for (const SweepPoint &p : report.points)
        json.object([&] {
          json.attribute("mantissa_bits", p.mantissaBits);
          json.attribute("multiplier_bits", p.multiplierBits());
          // Another family than truncation names its multiplier.
          if (!p.multiplier.empty())
            json.attribute("multiplier", p.multiplier);
          json.attributeBegin("accuracy");
          number("%.10g", p.result.accuracy());
          json.attributeEnd();
          json.attribute("correct", p.result.correct);
          json.attributeBegin("seconds");
          number("%.3f", p.result.seconds);
          json.attributeEnd();
        });
    });
  });
  os << "\n";
  return text;
}

SweepReport framnn::makeSweepReport(const std::string &model,
                                    const PreparedEval &prepared,
                                    std::vector<std::string> opKinds,
                                    std::vector<SweepPoint> points) {
  SweepReport report;
  report.model = model;
  report.dataset = prepared.split.path;
  report.split = prepared.split.split;
  report.samples = prepared.set.size();
  report.opKinds = opKinds.empty()
                       ? std::vector<std::string>{"gemm", "matmul", "conv"}
                       : std::move(opKinds);
  report.points = std::move(points);
  return report;
}
