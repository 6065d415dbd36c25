//===- TrainingLog.cpp - the per-epoch records of framnn train ------------===//
#include "framnn/Driver/TrainingLog.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

using namespace framnn;
using llvm::StringRef;

std::string framnn::formatEpochJSON(const EpochRecord &record) {
  std::string text;
  llvm::raw_string_ostream os(text);
  // json::OStream keeps the keys in this order (json::Object would sort
  // them) and prints doubles with 17 digits, so a record reads back exactly.
  llvm::json::OStream json(os);
  json.object([&] {
    json.attribute("epoch", record.epoch);
    json.attribute("m", record.mantissaBits);
    json.attribute("loss", record.loss);
    json.attribute("train_acc", record.trainAccuracy);
    if (record.validationAccuracy)
      json.attribute("val_acc", *record.validationAccuracy);
    json.attribute("test_acc", record.testAccuracy);
    json.attribute("seconds", record.seconds);
    if (record.trainSeconds)
      json.attribute("train_seconds", *record.trainSeconds);
    json.attribute("modelled_energy", record.modelledEnergy);
  });
  return text;
}

Result<EpochRecord> framnn::parseEpochJSON(StringRef line) {
  auto fail = [&](const std::string &problem) {
    return Error{"epoch record: " + problem};
  };
  llvm::Expected<llvm::json::Value> value = llvm::json::parse(line);
  if (!value)
    return fail(llvm::toString(value.takeError()));
  const llvm::json::Object *object = value->getAsObject();
  if (!object)
    return fail("expected an object");
  EpochRecord record;
  std::optional<int64_t> epoch = object->getInteger("epoch");
  std::optional<int64_t> m = object->getInteger("m");
  if (!epoch || !m || *m < 0 || *m > 23)
    return fail("expected an integer \"epoch\" and \"m\" in 0..23");
  record.epoch = *epoch;
  record.mantissaBits = static_cast<int>(*m);
  std::pair<const char *, double *> numbers[] = {
      {"loss", &record.loss},
      {"train_acc", &record.trainAccuracy},
      {"test_acc", &record.testAccuracy},
      {"seconds", &record.seconds},
      {"modelled_energy", &record.modelledEnergy}};
  for (auto [key, field] : numbers) {
    std::optional<double> number = object->getNumber(key);
    if (!number)
      return fail(std::string("expected a number \"") + key + "\"");
    *field = *number;
  }
  // Optional: checkpoints written before framnn logged them lack them
  // (and val_acc is absent without a validation split).
  std::pair<const char *, std::optional<double> *> optionals[] = {
      {"val_acc", &record.validationAccuracy},
      {"train_seconds", &record.trainSeconds}};
  for (auto [key, field] : optionals) {
    const llvm::json::Value *value = object->get(key);
    if (!value)
      continue;
    std::optional<double> number = value->getAsNumber();
    if (!number)
      return fail(std::string("expected a number \"") + key + "\"");
    *field = *number;
  }
  return record;
}

std::string framnn::formatSummaryJSON(const TrainingSummary &summary) {
  std::string text;
  llvm::raw_string_ostream os(text);
  llvm::json::OStream json(os);
  json.object([&] {
    json.attributeObject("summary", [&] {
      json.attribute("mode", summary.mode);
      // Only for another family than truncation, so older logs still
      // compare equal.
      if (!summary.multiplier.empty())
        json.attribute("multiplier", summary.multiplier);
      json.attribute("schedule_spec", summary.scheduleSpec);
      // Verbatim: the schedule JSON of DESIGN §3 with its key order.
      json.attributeBegin("schedule");
      json.rawValue(summary.scheduleJSON);
      json.attributeEnd();
      json.attribute("final_m", summary.finalMantissaBits);
      json.attribute("test_acc_final_m", summary.finalTestAccuracy);
      json.attribute("test_acc_exact", summary.exactTestAccuracy);
      json.attribute("hardware_model", summary.hardwareModel);
      json.attribute("modelled_energy", summary.modelledEnergy);
      json.attribute("modelled_delay", summary.modelledDelay);
      json.attribute("modelled_edp", summary.modelledEDP);
      json.attribute("modelled_edp_gain", 1.0 / summary.modelledEDP);
      json.attribute("steps", summary.steps);
      json.attribute("wall_seconds", summary.wallSeconds);
      json.attribute("compile_seconds", summary.compileSeconds);
      json.attribute("startup_seconds", summary.startupSeconds);
      json.attribute("eval_seconds", summary.evalSeconds);
    });
  });
  return text;
}

std::string framnn::formatSummaryTable(const TrainingSummary &summary) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << "summary    mode " << summary.mode
     << (summary.multiplier.empty() ? "" : ", multiplier " + summary.multiplier)
     << ", schedule " << summary.scheduleSpec << "\n"
     << "schedule   " << summary.scheduleJSON << "\n"
     << llvm::format("test acc   %.4f at m = %d (the final width), %.4f at "
                     "m = 23 (exact)\n",
                     summary.finalTestAccuracy, summary.finalMantissaBits,
                     summary.exactTestAccuracy)
     << llvm::format("modelled   energy %.3f, delay %.3f, EDP %.3f of exact "
                     "training (EDP gain %.2fx; hardware model '%s')\n",
                     summary.modelledEnergy, summary.modelledDelay,
                     summary.modelledEDP, 1.0 / summary.modelledEDP,
                     summary.hardwareModel.c_str())
     << llvm::format("wall time  %.1f s (%lld steps; start-up %.1f s, "
                     "compiling %.1f s, evaluating %.1f s)\n",
                     summary.wallSeconds,
                     static_cast<long long>(summary.steps),
                     summary.startupSeconds, summary.compileSeconds,
                     summary.evalSeconds);
  return text;
}
