//===- Sweep.cpp - accuracy against multiplier width ----------------------===//
#include "framnn/Driver/Sweep.h"
#include "framnn/Dialect/Approx/IR/Approx.h"
#include "framnn/Dialect/Approx/IR/MultiplierSpec.h"
#include "framnn/Support/QuotedText.h"
#include "framnn/Support/Stopwatch.h"


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

//===----------------------------------------------------------------------===//
// Precision specs
//===----------------------------------------------------------------------===//

Result<std::vector<int>> framnn::parseBitSpec(StringRef spec,
                                              BitSpecUnit unit) {
  bool multiplier = unit == BitSpecUnit::MultiplierBits;
  const int lo = multiplier ? 1 : 0;
  const int hi = multiplier ? kExactMantissaBits + 1 : kExactMantissaBits;
  const char *what = multiplier ? "multiplier width" : "mantissa width";
  std::string quoted = "'" + spec.str() + "'";

  auto parseValue = [&](StringRef text) -> Result<int> {
    text = text.trim();
    int value = 0;
    // getAsInteger accepts a leading '-' (then caught by the range check)
    // but also radix prefixes such as 0x: only plain digits are widths.
    bool digits =
        !text.empty() &&
        llvm::all_of(text.drop_front(text.front() == '-'), llvm::isDigit) &&
        text != "-";
    if (!digits || text.getAsInteger(10, value))
      return Error{quoted + ": '" + text.str() +
                   "' is not a width (expected N, A..B or a comma-separated "
                   "list of those)"};
    if (value < lo || value > hi)
      return Error{quoted + ": " + what + " " + text.str() +
                   " is out of range " + std::to_string(lo) + ".." +
                   std::to_string(hi)};
    return value;
  };

  std::vector<int> widths;
  auto add = [&](int value) {
    int m = multiplier ? value - 1 : value;
    if (!llvm::is_contained(widths, m))
      widths.push_back(m);
  };
  SmallVector<StringRef> items;
  spec.split(items, ',', /*MaxSplit=*/-1, /*KeepEmpty=*/true);
  for (StringRef item : items) {
    if (item.trim().empty())
      return Error{quoted + ": empty " + what +
                   " (expected N, A..B or a comma-separated list of those)"};
    size_t dots = item.find("..");
    if (dots == StringRef::npos) {
      Result<int> value = parseValue(item);
      if (!value)
        return value.error();
      add(*value);
      continue;
    }
    Result<int> first = parseValue(item.take_front(dots));
    if (!first)
      return first.error();
    Result<int> last = parseValue(item.drop_front(dots + 2));
    if (!last)
      return last.error();
    if (*first > *last)
      return Error{quoted + ": range " + item.trim().str() +
                   " is empty (the first bound is larger than the last)"};
    for (int value = *first; value <= *last; ++value)
      add(value);
  }
  return widths;
}

Result<MultiplierSweep> framnn::parseMultiplierSweep(MLIRContext &context,
                                                     StringRef spec) {
  auto [name, rest] = spec.split(':');
  auto [levelText, params] = rest.split(':');
  if (name == "exact" || levelText.empty())
    return Error{"multiplier " + quoted(spec) +
                 ": expected a family and its levels to sweep, e.g. "
                 "rne:0..23 or stochastic:4,8:seed=1"};
  Result<std::vector<int>> levels =
      parseBitSpec(levelText, BitSpecUnit::MantissaBits);
  if (!levels)
    return levels.error().withContext("multiplier " + quoted(spec));
  // The family's other parameters are checked with its first level.
  std::string first = (name + ":" + llvm::Twine(levels->front())).str();
  if (!params.empty())
    first += ":" + params.str();
  Result<Attribute> family = approx::parseMultiplierSpec(context, first);
  if (!family) {
    // Name the spec the user wrote, not the one built from its first level.
    StringRef problem = family.message();
    problem.consume_front("multiplier " + quoted(first) + ": ");
    return Error{"multiplier " + quoted(spec) + ": " + problem.str()};
  }
  // The rounding families have a level per width 0..23; another family
  // (Mitchell's compensations) may have fewer.
  unsigned count = cast<approx::MultiplierAttrInterface>(*family).getNumLevels(
      Float32Type::get(&context));
  for (int level : *levels)
    if (level < 0 || static_cast<unsigned>(level) >= count)
      return Error{"multiplier " + quoted(spec) + ": level " +
                   std::to_string(level) + " is out of range 0.." +
                   std::to_string(count - 1) + " of its family"};
  return MultiplierSweep{approx::printMultiplierSpec(*family),
                         std::move(*levels)};
}

//===----------------------------------------------------------------------===//
// Sweeps
//===----------------------------------------------------------------------===//

FailureOr<std::vector<SweepPoint>>
framnn::runSweep(MLIRContext &context, StringRef modelPath, const EvalSet &set,
                 const SweepOptions &options) {
  Attribute family;
  if (!options.multiplier.empty()) {
    Result<Attribute> parsed =
        approx::parseMultiplierSpec(context, options.multiplier);
    if (!parsed)
      return emitError(UnknownLoc::get(&context)) << parsed.message();
    family = *parsed;
  }
  std::vector<SweepPoint> points;
  for (int m : options.mantissaBits) {
    SweepPoint point;
    point.mantissaBits = m;
    if (family && m >= 0 && m <= kExactMantissaBits)
      point.multiplier = approx::printMultiplierSpec(
          cast<approx::MultiplierAttrInterface>(family).getLevel(
              m, Float32Type::get(&context)));
    points.push_back(point);
  }
  if (options.exactReference &&
      !llvm::is_contained(options.mantissaBits, kExactMantissaBits)) {
    SweepPoint reference;
    reference.reference = true;
    points.push_back(reference);
  }

  for (SweepPoint &point : points) {
    if (point.mantissaBits < 0 || point.mantissaBits > kExactMantissaBits)
      return emitError(UnknownLoc::get(&context))
             << "mantissa width " << point.mantissaBits
             << " is out of range 0.." << kExactMantissaBits;
    auto start = std::chrono::steady_clock::now();
    InferenceOptions inference;
    // The appended reference runs with every product exact (no approx ops
    // at all); a requested m = 23 goes through the (identity) masking.
    inference.mantissaBits = point.reference ? -1 : point.mantissaBits;
    inference.multiplier = point.reference ? "" : point.multiplier;
    inference.opKinds = options.opKinds;
    inference.bf16Dot = options.bf16Dot;
    inference.compileCache = options.compileCache;
    inference.threads = options.threads;
    SweepProgress progress;
    progress.mantissaBits = point.mantissaBits;
    progress.reference = point.reference;
    progress.total = set.size();
    if (options.progress)
      options.progress(progress); // started: loading and compiling
    auto session = InferenceSession::load(context, modelPath, inference);
    if (failed(session))
      return failure();
    AccuracyOptions accuracy;
    accuracy.batchSize = options.batchSize;
    if (options.progress)
      accuracy.progress = [&](int64_t done, int64_t total, int64_t correct) {
        progress.done = done;
        progress.total = total;
        progress.correct = correct;
        progress.seconds = secondsSince(start);
        options.progress(progress);
      };
    FailureOr<AccuracyResult> result =
        evaluateAccuracy(context, **session, set, accuracy);
    if (failed(result))
      return failure();
    point.result = *result;
    point.result.seconds = secondsSince(start);
    if (options.progress) {
      progress.done = progress.total = result->samples;
      progress.correct = result->correct;
      progress.seconds = point.result.seconds;
      progress.finished = true;
      options.progress(progress);
    }
  }
  return points;
}

