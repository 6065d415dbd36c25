//===- DataParallelStep.cpp - one SGD step over the ranks of a run --------===//
#include "framnn/Driver/DataParallelStep.h"

#include "framnn/Driver/Evaluation.h"
#include "framnn/Support/SplitMix64.h"

#include <algorithm>

using namespace framnn;

Result<int64_t> framnn::resolveShards(const DataParallelOptions &options,
                                      int ranks, int64_t batch) {
  int64_t shards = options.shards > 0        ? options.shards
                   : options.deterministicReduce ? kDefaultDeterministicShards
                                                 : ranks;
  if (shards < ranks)
    return Error{std::to_string(ranks) + " ranks need at least as many "
                 "gradient shards, got " + std::to_string(shards) +
                 " (raise --gradient-shards)"};
  if (batch % shards != 0)
    return Error{"--batch " + std::to_string(batch) +
                 " is not a multiple of the " + std::to_string(shards) +
                 " gradient shards (give a --batch or --gradient-shards "
                 "that divides it)"};
  return shards;
}

int64_t framnn::shardDropoutSeed(int64_t stepSeed, int64_t shard) {
  if (shard == 0)
    return stepSeed;
  return static_cast<int64_t>(splitmix64(static_cast<uint64_t>(stepSeed) ^
                                         splitMix64Finalize(shard)));
}

DataParallelStep::DataParallelStep(TrainingSession &session,
                                   Communicator &communicator,
                                   const DataParallelOptions &options,
                                   int64_t shards, int64_t batch)
    : session(session), communicator(communicator), options(options),
      numShards(shards), shardRows(batch / shards),
      // Contiguous runs of shards, so that the chain in rank order visits
      // the shards in shard order.
      firstShard(communicator.rank() * shards / communicator.size()),
      endShard((communicator.rank() + 1) * shards / communicator.size()),
      trainable(session.trainableParameters()) {
  size_t floats = 1;
  for (const std::string &name : trainable)
    floats += session.parameterValues().at(name).data<float>().size();
  sum.resize(floats);
}

Result<std::unique_ptr<DataParallelStep>>
DataParallelStep::create(TrainingSession &session, Communicator &communicator,
                         const DataParallelOptions &options, int64_t batch) {
  // gradients() returns no batch statistics: the ranks' running means
  // would stay at their initial values.
  if (session.updatesRunningStatistics())
    return Error{"data-parallel training does not update BatchNorm's "
                 "running statistics yet: train this model in one process, "
                 "or with --batch-norm frozen"};
  Result<int64_t> shards = resolveShards(options, communicator.size(), batch);
  if (!shards)
    return shards.error();
  if (mlir::failed(session.prepareGradients(batch / *shards)))
    return Error{"cannot compile the gradient function"};
  return std::unique_ptr<DataParallelStep>(new DataParallelStep(
      session, communicator, options, *shards, batch));
}

Status DataParallelStep::addShard(int64_t shard, const Tensor &inputs,
                                  const Tensor &labels, int64_t stepSeed,
                                  unsigned mantissaBits, bool first) {
  if (shardInputs.empty()) {
    std::vector<int64_t> shape = inputs.shape();
    shape[0] = shardRows;
    shardInputs = {Tensor::zeros(inputs.dtype(), shape)};
    shardLabels = Tensor::zeros(DType::Int64, {shardRows});
  }
  copyRows(inputs, shard * shardRows, shardInputs.front(), 0, shardRows);
  copyRows(labels, shard * shardRows, shardLabels, 0, shardRows);
  mlir::FailureOr<Gradients> grads =
      session.gradients(shardInputs, shardLabels,
                        shardDropoutSeed(stepSeed, shard), mantissaBits);
  if (mlir::failed(grads))
    return Error{"the gradient step failed"};
  std::map<llvm::StringRef, const Tensor *> byName;
  for (const auto &[name, tensor] : grads->parameters)
    byName[name] = &tensor;
  // Elementwise additions: their results do not depend on how the loop is
  // vectorised.
  auto add = [&](size_t offset, llvm::ArrayRef<float> values) {
    float *to = sum.data() + offset;
    if (first)
      std::copy(values.begin(), values.end(), to);
    else
      for (size_t i = 0; i < values.size(); ++i)
        to[i] += values[i];
    return offset + values.size();
  };
  size_t offset = add(0, grads->loss);
  for (const std::string &name : trainable)
    offset = add(offset, byName.at(name)->data<float>());
  return Status::success();
}

Status DataParallelStep::reduce(const Tensor &inputs, const Tensor &labels,
                                int64_t stepSeed, unsigned mantissaBits) {
  const int rank = communicator.rank(), last = communicator.size() - 1;
  bool first = true;
  if (options.deterministicReduce && rank > 0) {
    if (Status received = communicator.receiveFromPrevious(sum); !received)
      return received;
    first = false;
  }
  for (int64_t shard = firstShard; shard < endShard; ++shard) {
    if (Status added =
            addShard(shard, inputs, labels, stepSeed, mantissaBits, first);
        !added)
      return added;
    first = false;
  }
  if (!options.deterministicReduce)
    return communicator.allreduceSum(sum);
  if (rank < last)
    if (Status sent = communicator.sendToNext(sum); !sent)
      return sent;
  return communicator.broadcast(
      llvm::MutableArrayRef<char>(reinterpret_cast<char *>(sum.data()),
                                  sum.size() * sizeof(float)),
      last);
}

Result<float> DataParallelStep::run(const Tensor &inputs, const Tensor &labels,
                                    int64_t stepSeed, float lr,
                                    unsigned mantissaBits) {
  if (Status reduced = reduce(inputs, labels, stepSeed, mantissaBits);
      !reduced)
    return reduced.error();
  // Every shard's loss and gradient is a mean over its rows: the batch's
  // is the mean over the shards.
  const float shards = static_cast<float>(numShards);
  for (float &value : sum)
    value /= shards;
  session.applyMomentumStep(llvm::ArrayRef<float>(sum).drop_front(), lr);
  return sum.front();
}
