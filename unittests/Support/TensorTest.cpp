//===- TensorTest.cpp - Tensor and Result ---------------------------------===//
#include "framnn/Support/Tensor.h"
#include "framnn/Support/Result.h"

#include "Samples.h"

#include "gtest/gtest.h"

#include <cstring>
#include <limits>

using namespace framnn;

TEST(TensorTest, ShapeAndSizes) {
  Tensor t({2, 3}, std::vector<int64_t>{1, 2, 3, 4, 5, 6});
  EXPECT_EQ(t.dtype(), DType::Int64);
  EXPECT_EQ(t.rank(), 2);
  EXPECT_EQ(t.dim(1), 3);
  EXPECT_EQ(t.numElements(), 6);
  EXPECT_EQ(t.byteSize(), 48u);
  EXPECT_TRUE(t.is<int64_t>());
  EXPECT_EQ(t.data<int64_t>()[5], 6);
  EXPECT_EQ(std::memcmp(t.rawData(), t.data<int64_t>().data(), 48), 0);

  Tensor empty;
  EXPECT_EQ(empty.dtype(), DType::Float32);
  EXPECT_EQ(empty.shape(), std::vector<int64_t>{0});
  EXPECT_EQ(empty.numElements(), 0);
}

TEST(TensorTest, Zeros) {
  for (DType type : {DType::Float32, DType::Float64, DType::Int32, DType::Int64,
                     DType::UInt8}) {
    Tensor t = Tensor::zeros(type, {4, 5});
    EXPECT_EQ(t.dtype(), type);
    EXPECT_EQ(t.numElements(), 20);
    EXPECT_EQ(t.byteSize(), 20 * dtypeSize(type));
  }
  Tensor scalar = Tensor::zeros(DType::UInt8, {});
  EXPECT_EQ(scalar.numElements(), 1);
}

TEST(TensorTest, DTypeNames) {
  EXPECT_STREQ(dtypeName(DType::Float32), "float32");
  EXPECT_STREQ(dtypeName(DType::UInt8), "uint8");
  EXPECT_TRUE(isFloatingPoint(DType::Float64));
  EXPECT_FALSE(isFloatingPoint(DType::Int64));
}

TEST(TensorTest, FormatShapeAndCheckedCount) {
  EXPECT_EQ(formatShape({3, 784}), "3x784");
  EXPECT_EQ(formatShape({}), "()");
  EXPECT_EQ(checkedNumElements({}), 1);
  EXPECT_EQ(checkedNumElements({5, 0, 7}), 0);
  EXPECT_EQ(checkedNumElements({2, -1}), -1);
  EXPECT_EQ(checkedNumElements({int64_t(1) << 40, int64_t(1) << 40}), -1);
}

TEST(TensorTest, Conversions) {
  Tensor pixels({3}, std::vector<uint8_t>{0, 51, 255});
  Tensor scaled = pixels.toFloat32(1.0f / 255.0f);
  ASSERT_TRUE(scaled.is<float>());
  EXPECT_FLOAT_EQ(scaled.data<float>()[1], 0.2f);
  EXPECT_FLOAT_EQ(scaled.data<float>()[2], 1.0f);

  Tensor floats({2}, std::vector<float>{-1.75f, 2.5f});
  EXPECT_EQ(floats.castTo(DType::Int64).data<int64_t>(),
            (std::vector<int64_t>{-1, 2}));
  // Large int64 values must not go through float.
  Tensor big({1}, std::vector<int64_t>{(int64_t(1) << 40) + 1});
  EXPECT_EQ(big.castTo(DType::Int32).castTo(DType::Int64).data<int64_t>()[0],
            1);
  EXPECT_EQ(big.castTo(DType::Float64).data<double>()[0],
            static_cast<double>((int64_t(1) << 40) + 1));
  EXPECT_EQ(floats.castTo(DType::Float32), floats);
}

TEST(TensorTest, EqualityIsBitwise) {
  Tensor nans = test::specialFloats();
  EXPECT_EQ(nans, test::specialFloats());
  Tensor other = nans;
  other.data<float>()[0] = -0.0f; // +0 vs -0 differ bitwise.
  EXPECT_NE(nans, other);
  EXPECT_NE(Tensor({2}, std::vector<int32_t>{1, 2}),
            Tensor({2}, std::vector<uint8_t>{1, 2}));
  EXPECT_NE(Tensor({2, 1}, std::vector<int32_t>{1, 2}),
            Tensor({1, 2}, std::vector<int32_t>{1, 2}));
}

static Result<int> half(int x) {
  if (x % 2)
    return Error{"odd.txt: " + std::to_string(x) + " is odd"};
  return x / 2;
}

TEST(ResultTest, ValueOrError) {
  Result<int> good = half(8);
  ASSERT_TRUE(good);
  EXPECT_EQ(*good, 4);
  Result<int> bad = half(3);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.message(), "odd.txt: 3 is odd");
  EXPECT_EQ(Error{"bad magic"}.withContext("X.npy").message,
            "X.npy: bad magic");

  Status ok = Status::success();
  EXPECT_TRUE(ok);
  Status failed = Error{"disk full"};
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.message(), "disk full");
}
