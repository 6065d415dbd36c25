//===- NpyTest.cpp - .npy reading, writing and errors ---------------------===//
#include "framnn/Support/Npy.h"

#include "Samples.h"
#include "TestUtil.h"

#include "gtest/gtest.h"

#include <cstring>

using namespace framnn;
using namespace framnn::test;

/// An .npy image of format `major`.0 with header `dict` (unpadded) followed
/// by `payload`.
static Bytes makeNpy(unsigned major, const std::string &dict,
                     const Bytes &payload) {
  Bytes bytes = toBytes(std::string("\x93NUMPY", 6));
  bytes.push_back(static_cast<uint8_t>(major));
  bytes.push_back(0);
  size_t length = dict.size() + 1;
  for (int i = 0; i < (major == 1 ? 2 : 4); ++i)
    bytes.push_back(static_cast<uint8_t>(length >> (8 * i)));
  bytes.insert(bytes.end(), dict.begin(), dict.end());
  bytes.push_back('\n');
  bytes.insert(bytes.end(), payload.begin(), payload.end());
  return bytes;
}

static std::string f32Dict(const std::string &shape) {
  return "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }";
}

static Result<Tensor> parse(const Bytes &bytes,
                            const NpyReadOptions &options = {}) {
  return parseNpy(bytes.data(), bytes.size(), "X.npy", options);
}

TEST(NpyTest, RoundTripsEveryDTypeAndShape) {
  TempDir dir;
  for (DType type : {DType::Float32, DType::Float64, DType::Int32, DType::Int64,
                     DType::UInt8}) {
    for (std::vector<int64_t> shape :
         {std::vector<int64_t>{}, {0}, {5}, {2, 3}, {2, 0, 4}, {3, 4, 5}}) {
      Tensor original = sample(type, shape);
      SCOPED_TRACE(std::string(dtypeName(type)) + " " + formatShape(shape));
      Bytes bytes = serializeNpy(original);
      Result<Tensor> parsed = parse(bytes);
      ASSERT_TRUE(parsed) << parsed.message();
      EXPECT_EQ(*parsed, original);

      std::string path = dir.path("t.npy");
      ASSERT_TRUE(writeNpy(path, original));
      Result<Tensor> read = readNpy(path);
      ASSERT_TRUE(read) << read.message();
      EXPECT_EQ(*read, original);
    }
  }
  Result<Tensor> special = parse(serializeNpy(specialFloats()));
  ASSERT_TRUE(special);
  EXPECT_EQ(*special, specialFloats());
}

TEST(NpyTest, WritesNumpyHeaderLayout) {
  Bytes bytes = serializeNpy(sample(DType::Float32, {3}));
  ASSERT_GE(bytes.size(), 10u);
  EXPECT_EQ(std::memcmp(bytes.data(), "\x93NUMPY\x01\x00", 8), 0);
  size_t headerLength = bytes[8] | (bytes[9] << 8);
  EXPECT_EQ((10 + headerLength) % 64, 0u) << "data must be 64-byte aligned";
  std::string header(bytes.begin() + 10, bytes.begin() + 10 + headerLength);
  EXPECT_EQ(header.rfind(
                "{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }", 0),
            0u);
  EXPECT_EQ(header.back(), '\n');
  EXPECT_EQ(bytes.size(), 10 + headerLength + 12);

  Bytes u8 = serializeNpy(sample(DType::UInt8, {2, 2}));
  std::string u8Header(u8.begin() + 10, u8.end());
  EXPECT_NE(u8Header.find("'descr': '|u1'"), std::string::npos);
  EXPECT_NE(u8Header.find("'shape': (2, 2)"), std::string::npos);
  Bytes scalar = serializeNpy(sample(DType::Int64, {}));
  EXPECT_NE(std::string(scalar.begin(), scalar.end()).find("'shape': ()"),
            std::string::npos);
}

TEST(NpyTest, WritesVersion2ForHugeHeaders) {
  // Like numpy, fall back to format 2.0 (4-byte header length) when the
  // header does not fit 1.0's 2-byte length.
  Tensor manyDims = Tensor::zeros(DType::UInt8, std::vector<int64_t>(30000, 1));
  Bytes bytes = serializeNpy(manyDims);
  EXPECT_EQ(bytes[6], 2);
  size_t headerLength =
      bytes[8] | (bytes[9] << 8) | (bytes[10] << 16) | (bytes[11] << 24);
  EXPECT_GT(headerLength, 0xffffu);
  EXPECT_EQ((12 + headerLength) % 64, 0u);
  Result<Tensor> parsed = parse(bytes);
  ASSERT_TRUE(parsed) << parsed.message();
  EXPECT_EQ(*parsed, manyDims);
}

TEST(NpyTest, ReadsFormatVersions2And3) {
  Tensor expected = sample(DType::Float32, {2, 2});
  Bytes payload(16);
  std::memcpy(payload.data(), expected.rawData(), 16);
  for (unsigned major : {1u, 2u, 3u}) {
    Result<Tensor> parsed = parse(makeNpy(major, f32Dict("(2, 2)"), payload));
    ASSERT_TRUE(parsed) << parsed.message();
    EXPECT_EQ(*parsed, expected);
  }
}

TEST(NpyTest, AcceptsHeaderSpellings) {
  Bytes payload(8, 0);
  for (std::string dict :
       {"{'shape': (2,), 'fortran_order': False, 'descr': '<f4'}",
        "{\"descr\": \"<f4\", \"fortran_order\": False, \"shape\": (2,)}",
        "{ 'descr' : '<f4' , 'fortran_order' : False , 'shape' : ( 2 , ) , }",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (2L,), }"}) {
    Result<Tensor> parsed = parse(makeNpy(1, dict + "    ", payload));
    ASSERT_TRUE(parsed) << dict << ": " << parsed.message();
    EXPECT_EQ(parsed->shape(), std::vector<int64_t>{2});
  }
  Result<Tensor> u1 = parse(makeNpy(
      1, "{'descr': '<u1', 'fortran_order': False, 'shape': (3,)}", {1, 2, 3}));
  ASSERT_TRUE(u1) << u1.message();
  EXPECT_EQ(u1->dtype(), DType::UInt8);
}

TEST(NpyTest, Float64ConversionAndRequiredDType) {
  Bytes f64 = serializeNpy(sample(DType::Float64, {4}));
  Result<Tensor> plain = parse(f64);
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->dtype(), DType::Float64);

  NpyReadOptions convert;
  convert.convertFloat64ToFloat32 = true;
  convert.requiredDType = DType::Float32;
  Result<Tensor> converted = parse(f64, convert);
  ASSERT_TRUE(converted) << converted.message();
  EXPECT_EQ(*converted, sample(DType::Float64, {4}).castTo(DType::Float32));

  NpyReadOptions strict;
  strict.requiredDType = DType::Float32;
  Result<Tensor> rejected = parse(f64, strict);
  ASSERT_FALSE(rejected);
  EXPECT_EQ(rejected.message(),
            "X.npy: unsupported dtype '<f8', expected float32 ('<f4')");
  EXPECT_TRUE(failsWith(parse(serializeNpy(sample(DType::Int64, {2})), strict),
                        {"X.npy: unsupported dtype '<i8', expected float32"}));
}

TEST(NpyTest, MissingFileAndDirectory) {
  TempDir dir;
  EXPECT_TRUE(failsWith(
      readNpy(dir.path("absent.npy")),
      {dir.path("absent.npy") + ": cannot open", "No such file or directory"}));
  EXPECT_TRUE(failsWith(readNpy(dir.path()), {"is a directory"}));
  EXPECT_TRUE(failsWith(writeNpy(dir.path("no/such/dir/x.npy"), Tensor()),
                        {"no/such/dir/x.npy: cannot open for writing"}));
}

TEST(NpyTest, RejectsWrongMagicAndGarbage) {
  TempDir dir;
  std::string path = dir.path("garbage.npy");
  writeBytes(path, toBytes("PK\x03\x04 this is not numpy at all"));
  EXPECT_TRUE(failsWith(readNpy(path), {path + ": not an NPY file"}));
  writeBytes(path, {});
  EXPECT_TRUE(failsWith(readNpy(path), {path + ": not an NPY file"}));
  Bytes noise(300);
  for (size_t i = 0; i < noise.size(); ++i)
    noise[i] = static_cast<uint8_t>(i * 131 + 7);
  EXPECT_TRUE(failsWith(parse(noise), {"X.npy: not an NPY file"}));
  // Right magic, garbage header.
  Bytes badHeader = makeNpy(1, "\x01\x02garbage\xff", {});
  EXPECT_TRUE(failsWith(parse(badHeader), {"X.npy: malformed header"}));
}

TEST(NpyTest, RejectsTruncatedFiles) {
  Bytes full = serializeNpy(sample(DType::Float32, {3, 784}));
  size_t dataOffset = 10 + (full[8] | (full[9] << 8));
  Bytes cut(full.begin(), full.begin() + dataOffset + 1200);
  Result<Tensor> truncated = parse(cut);
  ASSERT_FALSE(truncated);
  EXPECT_EQ(truncated.message(),
            "X.npy: truncated data: header says 3x784 float32 (9408 bytes), "
            "file has 1200 bytes of data");
  EXPECT_TRUE(failsWith(parse(Bytes(full.begin(), full.begin() + 7)),
                        {"X.npy: truncated header"}));
  EXPECT_TRUE(failsWith(parse(Bytes(full.begin(), full.begin() + 40)),
                        {"X.npy: truncated header"}));
  Bytes longer = full;
  longer.push_back(0);
  EXPECT_TRUE(failsWith(parse(longer), {"X.npy: trailing data"}));
}

TEST(NpyTest, RejectsFortranOrder) {
  Bytes bytes =
      makeNpy(1, "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3), }",
              Bytes(24));
  EXPECT_TRUE(failsWith(parse(bytes),
                        {"X.npy: fortran_order arrays are not supported"}));
}

// numpy bools (masks, Where conditions) read as uint8 0/1.
TEST(NpyTest, ReadsBoolsAsUInt8) {
  Bytes payload = {1, 0, 1};
  Result<Tensor> parsed = parse(makeNpy(
      1, "{'descr': '|b1', 'fortran_order': False, 'shape': (3,), }", payload));
  ASSERT_TRUE(bool(parsed));
  EXPECT_EQ(parsed->dtype(), DType::UInt8);
  EXPECT_EQ(parsed->data<uint8_t>(), (std::vector<uint8_t>{1, 0, 1}));
}

TEST(NpyTest, RejectsUnsupportedDTypes) {
  for (std::string descr : {"<f2", ">f4", "<c8", "<U3", "|O"}) {
    Bytes bytes = makeNpy(1,
                          "{'descr': '" + descr +
                              "', 'fortran_order': False, 'shape': (2,), }",
                          Bytes(8));
    EXPECT_TRUE(
        failsWith(parse(bytes), {"X.npy: unsupported dtype '" + descr + "'",
                                 "supported: '<f4'"}));
  }
  Bytes structured = makeNpy(
      1, "{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (2,), }",
      Bytes(8));
  EXPECT_TRUE(
      failsWith(parse(structured), {"X.npy: unsupported dtype", "structured"}));
}

TEST(NpyTest, RejectsUnsupportedVersion) {
  EXPECT_TRUE(failsWith(parse(makeNpy(4, f32Dict("(1,)"), Bytes(4))),
                        {"X.npy: unsupported NPY format version 4.0"}));
}

TEST(NpyTest, RejectsMalformedHeaders) {
  const char *const cases[][2] = {
      {"{'descr': '<f4', 'shape': (2,), }", "missing key 'fortran_order'"},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': (2,), 'x': 1}",
       "unexpected key 'x'"},
      {"{'descr': '<f4', 'fortran_order': Maybe, 'shape': (2,)}",
       "expected True or False"},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': [2]}",
       "expected a tuple"},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': (-2,)}",
       "negative dimension"},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': (2, x)}",
       "expected an integer"},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': (2,)} junk",
       "unexpected text after '}'"},
      {"{'descr: '<f4'", "expected ':'"},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': "
       "(99999999999999999999,)}",
       "dimension too large"},
  };
  for (const auto &c : cases)
    EXPECT_TRUE(failsWith(parse(makeNpy(1, c[0], {})),
                          {"X.npy: malformed header", c[1]}));
  // Valid syntax, but the element count overflows.
  EXPECT_TRUE(
      failsWith(parse(makeNpy(1, f32Dict("(4294967296, 4294967296)"), {})),
                {"X.npy: shape 4294967296x4294967296 is too large"}));
  // Huge but representable: must fail on size, not try to allocate.
  EXPECT_TRUE(failsWith(parse(makeNpy(1, f32Dict("(1000000000000,)"), {})),
                        {"X.npy: truncated data"}));
}
