//===- DataParallelTest.cpp - shards, seeds and the ordered sum -----------===//
//
// The pieces of data-parallel training that need neither a second process
// nor the compiler: how many gradient shards a run has and the shards'
// dropout seeds. The runs themselves (1 and 2 ranks, the fixed-order sum,
// resume across N, failures) are the lit tests
// test/Train/distributed*.test.
//
//===----------------------------------------------------------------------===//
#include "framnn/Driver/DataParallelStep.h"
#include "framnn/Driver/Trainer.h"

#include <gtest/gtest.h>

#include <set>

using namespace framnn;

namespace {

TEST(DataParallelShards, DefaultsAndErrors) {
  DataParallelOptions options;
  EXPECT_EQ(*resolveShards(options, 2, 64), 2);
  options.deterministicReduce = true;
  EXPECT_EQ(*resolveShards(options, 1, 64), kDefaultDeterministicShards);
  EXPECT_EQ(*resolveShards(options, 2, 64), kDefaultDeterministicShards);
  Result<int64_t> tooFew = resolveShards(options, 8, 64);
  ASSERT_FALSE(tooFew);
  EXPECT_EQ(tooFew.message(), "8 ranks need at least as many gradient "
                              "shards, got 4 (raise --gradient-shards)");
  options.shards = 3;
  Result<int64_t> uneven = resolveShards(options, 1, 64);
  ASSERT_FALSE(uneven);
  EXPECT_EQ(uneven.message(),
            "--batch 64 is not a multiple of the 3 gradient shards (give a "
            "--batch or --gradient-shards that divides it)");
}

TEST(DataParallelShards, DropoutSeeds) {
  // Shard 0 keeps the step's seed: one shard has the fused step's masks.
  EXPECT_EQ(shardDropoutSeed(dropoutSeed(7, 3), 0), dropoutSeed(7, 3));
  std::set<int64_t> seeds;
  for (int64_t step = 0; step < 16; ++step)
    for (int64_t shard = 0; shard < 16; ++shard)
      seeds.insert(shardDropoutSeed(dropoutSeed(7, step), shard));
  EXPECT_EQ(seeds.size(), 256u) << "every (step, shard) its own masks";
}

} // namespace
