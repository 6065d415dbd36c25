//===- DataParallelStep.h - one SGD step over the ranks of a run -*- C++ -*-===//
//
// Data-parallel training (docs/distributed.md): every rank holds the whole
// model and the whole data set, and builds the same global batch from the
// same seeded permutation. The batch is cut into S equal gradient shards
// (rows [k*B/S, (k+1)*B/S)); rank r of N computes, with the compiled
// gradient function, the mean gradient of the shards
// [r*S/N, (r+1)*S/N). The shards' gradients and losses are summed over
// all S shards, divided by S, and every rank applies the same SGD update
// (TrainingSession::applyMomentumStep) to the same sums, so every rank
// holds the same parameters after every step.
//
// The sum:
// - default: each rank adds its own shards in shard order, then
//   MPI_Allreduce; the order of additions depends on N and on the MPI
//   library, so runs with different N agree within rounding only.
// - deterministicReduce: a chain in rank order: rank 0 adds its shards,
//   sends the partial sum to rank 1, which adds its shards, ..., and the
//   last rank broadcasts the total. The additions are then
//   ((g_0 + g_1) + g_2) + ... + g_{S-1} whatever N is: with the same S,
//   runs with N = 1, 2, 4, ... (N <= S) give bit-identical weights.
//
// Dropout masks of shard k use shardDropoutSeed(step seed, k): the mask of
// a sample depends on its position in the global batch (and S), not on
// the rank that computes it.
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_DRIVER_DATAPARALLELSTEP_H
#define FRAMNN_DRIVER_DATAPARALLELSTEP_H

#include "framnn/Driver/Communicator.h"
#include "framnn/Driver/TrainingSession.h"
#include "framnn/Support/Result.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace framnn {

struct DataParallelOptions {
  /// Gradient shards S per global batch; 0: one per rank, or
  /// kDefaultDeterministicShards with deterministicReduce.
  int64_t shards = 0;
  /// Sum the shards in a fixed order (see above).
  bool deterministicReduce = false;
};

/// S when --deterministic-reduce is given without --gradient-shards: runs
/// with 1, 2 and 4 ranks agree bit for bit by default.
inline constexpr int64_t kDefaultDeterministicShards = 4;

/// S for `ranks` ranks and a global batch of `batch`, or a one-line error
/// (S < N, or the batch not a multiple of S).
Result<int64_t> resolveShards(const DataParallelOptions &options, int ranks,
                              int64_t batch);

/// The dropout seed of shard `shard` of a step whose seed is `stepSeed`:
/// shard 0 keeps the step's seed (S = 1 has the masks of the fused step).
int64_t shardDropoutSeed(int64_t stepSeed, int64_t shard);

class DataParallelStep {
public:
  /// Checks what data-parallel training cannot do yet and compiles the
  /// gradient function for the shard size.
  static Result<std::unique_ptr<DataParallelStep>>
  create(TrainingSession &session, Communicator &communicator,
         const DataParallelOptions &options, int64_t batch);

  /// One step on the global batch (`inputs` [B, ...], `labels` [B]): the
  /// mean loss of the batch before the step.
  Result<float> run(const Tensor &inputs, const Tensor &labels,
                    int64_t stepSeed, float lr, unsigned mantissaBits);

  int64_t shards() const { return numShards; }
  /// Floats each rank contributes to the reduction of one step (the loss
  /// and every trainable parameter's gradient).
  size_t reducedFloats() const { return sum.size(); }

private:
  DataParallelStep(TrainingSession &session, Communicator &communicator,
                   const DataParallelOptions &options, int64_t shards,
                   int64_t batch);
  /// Adds shard `shard`'s loss and gradients to `sum` (or copies them when
  /// `first`).
  Status addShard(int64_t shard, const Tensor &inputs, const Tensor &labels,
                  int64_t stepSeed, unsigned mantissaBits, bool first);
  Status reduce(const Tensor &inputs, const Tensor &labels, int64_t stepSeed,
                unsigned mantissaBits);

  TrainingSession &session;
  Communicator &communicator;
  DataParallelOptions options;
  int64_t numShards, shardRows;
  int64_t firstShard, endShard;
  std::vector<std::string> trainable;
  /// [loss, gradients of `trainable` end to end].
  std::vector<float> sum;
  std::vector<Tensor> shardInputs;
  Tensor shardLabels;
};

} // namespace framnn

#endif // FRAMNN_DRIVER_DATAPARALLELSTEP_H
