//===- Checkpoint.cpp - framnn train checkpoints --------------------------===//
#include "framnn/Driver/Checkpoint.h"

#include "framnn/Support/FileIO.h"
#include "framnn/Support/Npz.h"
#include "framnn/Support/QuotedText.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

using namespace framnn;
using llvm::StringRef;

static constexpr const char *kStateArray = kCheckpointStateArray;
static constexpr const char *kFormat = "framnn-checkpoint";
static constexpr int64_t kVersion = 1;

std::string framnn::checkpointPath(const std::string &dir) {
  llvm::SmallString<256> path(dir);
  llvm::sys::path::append(path, "checkpoint.npz");
  return std::string(path);
}

static std::string stateJSON(const Checkpoint &checkpoint) {
  const TrainingProgressState &progress = checkpoint.progress;
  std::string text;
  llvm::raw_string_ostream os(text);
  llvm::json::OStream json(os);
  json.object([&] {
    json.attribute("format", kFormat);
    json.attribute("version", kVersion);
    json.attributeObject("fingerprint", [&] {
      for (const auto &[key, value] : checkpoint.fingerprint)
        json.attribute(key, value);
    });
    json.attribute("epoch", progress.epoch);
    json.attribute("batch_in_epoch", progress.batchInEpoch);
    json.attribute("step", progress.step);
    json.attribute("epoch_loss_sum", progress.epochLossSum);
    json.attributeArray("validation_errors", [&] {
      for (double error : progress.validationErrors)
        json.value(error);
    });
    json.attributeArray("records", [&] {
      for (const EpochRecord &record : progress.records)
        json.rawValue(formatEpochJSON(record));
    });
    json.attribute("elapsed_seconds", progress.elapsedSeconds);
  });
  return text;
}

Status framnn::writeCheckpoint(const std::string &dir,
                               const Checkpoint &checkpoint) {
  if (std::error_code ec = llvm::sys::fs::create_directories(dir))
    return Error{dir +
                 ": cannot create the checkpoint directory: " + ec.message()};
  NpzArchive archive;
  for (const auto &[name, tensor] : checkpoint.values)
    archive.add(name, tensor);
  std::string state = stateJSON(checkpoint);
  if (!archive.add(kStateArray,
                   Tensor({static_cast<int64_t>(state.size())},
                          std::vector<uint8_t>(state.begin(), state.end()))))
    return Error{std::string("a parameter is named '") + kStateArray +
                 "', which checkpoints reserve"};
  Result<std::vector<uint8_t>> bytes = serializeNpz(archive);
  if (!bytes)
    return bytes.error();
  std::string path = checkpointPath(dir);
  std::string temporary = path + ".tmp";
  if (Status written = writeFileBytes(temporary, *bytes); !written)
    return written;
  if (std::error_code ec = llvm::sys::fs::rename(temporary, path))
    return Error{path + ": cannot replace the checkpoint: " + ec.message()};
  return Status::success();
}

/// Reads the state JSON into `checkpoint`; the error is the problem only.
static Status parseState(StringRef text, Checkpoint &checkpoint) {
  llvm::Expected<llvm::json::Value> value = llvm::json::parse(text);
  if (!value)
    return Error{"malformed state: " + llvm::toString(value.takeError())};
  const llvm::json::Object *object = value->getAsObject();
  if (!object || object->getString("format") != StringRef(kFormat))
    return Error{"not a FramNN checkpoint"};
  if (object->getInteger("version") != kVersion) {
    const llvm::json::Value *version = object->get("version");
    // The value is the file's text: quoted unless plain (fuzzing finding 9).
    return Error{
        "checkpoint version " +
        (version ? quotedIfNeeded(llvm::formatv("{0}", *version).str(), 40)
                 : std::string("(none)")) +
        " is not supported (expected " + std::to_string(kVersion) + ")"};
  }
  TrainingProgressState &progress = checkpoint.progress;
  const llvm::json::Object *fingerprint = object->getObject("fingerprint");
  std::optional<int64_t> epoch = object->getInteger("epoch");
  std::optional<int64_t> batch = object->getInteger("batch_in_epoch");
  std::optional<int64_t> step = object->getInteger("step");
  std::optional<double> lossSum = object->getNumber("epoch_loss_sum");
  std::optional<double> elapsed = object->getNumber("elapsed_seconds");
  const llvm::json::Array *errors = object->getArray("validation_errors");
  const llvm::json::Array *records = object->getArray("records");
  if (!fingerprint || !epoch || !batch || !step || !lossSum || !elapsed ||
      !errors || !records)
    return Error{"malformed state: a field is missing or mistyped"};
  // The trainer indexes the epoch's sample order with them.
  if (*epoch < 0 || *batch < 0 || *step < 0)
    return Error{"malformed state: epoch, batch_in_epoch and step must not "
                 "be negative"};
  for (const auto &[key, entry] : *fingerprint) {
    std::optional<StringRef> text = entry.getAsString();
    if (!text)
      return Error{"malformed state: fingerprint values must be strings"};
    checkpoint.fingerprint[key.str()] = text->str();
  }
  progress.epoch = *epoch;
  progress.batchInEpoch = *batch;
  progress.step = *step;
  progress.epochLossSum = *lossSum;
  progress.elapsedSeconds = *elapsed;
  for (const llvm::json::Value &error : *errors) {
    std::optional<double> number = error.getAsNumber();
    if (!number)
      return Error{"malformed state: validation errors must be numbers"};
    progress.validationErrors.push_back(*number);
  }
  for (const llvm::json::Value &entry : *records) {
    Result<EpochRecord> record =
        parseEpochJSON(llvm::formatv("{0}", entry).str());
    if (!record)
      return Error{"malformed state: " + record.message()};
    progress.records.push_back(*record);
  }
  return Status::success();
}

Result<Checkpoint> framnn::readCheckpoint(const std::string &dir) {
  std::string path = checkpointPath(dir);
  if (!llvm::sys::fs::exists(path))
    return Error{path +
                 ": no checkpoint to resume from (train with "
                 "--checkpoint-dir " +
                 dir + " first)"};
  Result<std::vector<uint8_t>> bytes = readFileBytes(path);
  if (!bytes)
    return bytes.error();
  return parseCheckpoint(bytes->data(), bytes->size(), path);
}

Result<Checkpoint> framnn::parseCheckpoint(const uint8_t *data, size_t size,
                                           const std::string &path) {
  Result<NpzArchive> archive = parseNpz(data, size, path);
  if (!archive)
    return archive.error();
  Checkpoint checkpoint;
  const Tensor *state = archive->find(kStateArray);
  if (!state || !state->is<uint8_t>())
    return Error{path + ": not a FramNN checkpoint (no state array)"};
  const std::vector<uint8_t> &bytes = state->data<uint8_t>();
  if (Status parsed = parseState(
          StringRef(reinterpret_cast<const char *>(bytes.data()), bytes.size()),
          checkpoint);
      !parsed)
    return parsed.error().withContext(path);
  for (const NamedTensor &entry : archive->arrays())
    if (entry.name != kStateArray)
      checkpoint.values[entry.name] = entry.tensor;
  return checkpoint;
}

Status
framnn::compareFingerprints(const std::map<std::string, std::string> &saved,
                            const std::map<std::string, std::string> &current,
                            const std::string &checkpointFile) {
  for (const auto &[key, value] : current) {
    auto it = saved.find(key);
    std::string was = it == saved.end() ? "(not recorded)" : it->second;
    if (was != value) {
      // `was` is the file's text: quoted when it would break the one-line
      // message (fuzzing finding 10).
      was = quotedIfNeeded(was, 80);
      return Error{checkpointFile + ": the checkpoint was written with " + key +
                   " = " + was + " but this run has " + key + " = " + value +
                   "; resume with the same options"};
    }
  }
  // An option recorded only when given (--multiplier, --batch-norm) and
  // not given now changes the run as much as another value would.
  for (const auto &[key, value] : saved)
    if (!current.count(key))
      return Error{checkpointFile + ": the checkpoint was written with " +
                   key + " = " + quotedIfNeeded(value, 80) +
                   " but this run does not give " + key +
                   "; resume with the same options"};
  return Status::success();
}
