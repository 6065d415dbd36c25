//===- NpzTest.cpp - .npz / ZIP reading, writing and errors ---------------===//
#include "framnn/Support/Npz.h"

#include "Samples.h"
#include "TestUtil.h"

#include "gtest/gtest.h"

using namespace framnn;
using namespace framnn::test;

static Result<NpzArchive> parse(const Bytes &bytes,
                                const NpyReadOptions &options = {}) {
  return parseNpz(bytes.data(), bytes.size(), "G.npz", options);
}

static Bytes serialize(const NpzArchive &archive, ZipCompression compression) {
  Result<Bytes> bytes = serializeNpz(archive, compression);
  EXPECT_TRUE(bytes) << bytes.message();
  return bytes ? *bytes : Bytes();
}

static uint32_t get32(const Bytes &b, size_t at) {
  return b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) |
         (uint32_t(b[at + 3]) << 24);
}
static void put16(Bytes &b, size_t at, uint16_t v) {
  b[at] = v & 0xff;
  b[at + 1] = v >> 8;
}

/// Offset of the first central directory entry (the writer adds no comment,
/// so the end record is the last 22 bytes).
static size_t centralDirOffset(const Bytes &zip) {
  return get32(zip, zip.size() - 22 + 16);
}

TEST(NpzTest, ArchiveContainer) {
  NpzArchive archive;
  EXPECT_TRUE(archive.empty());
  EXPECT_TRUE(archive.add("a", sample(DType::Int32, {2})));
  EXPECT_FALSE(archive.add("a", sample(DType::Int64, {2})));
  EXPECT_EQ(archive.find("a")->dtype(), DType::Int32);
  archive.set("a", sample(DType::UInt8, {3}));
  archive.set("b", sample(DType::UInt8, {1}));
  EXPECT_EQ(archive.size(), 2u);
  EXPECT_EQ(archive.find("a")->dtype(), DType::UInt8);
  EXPECT_TRUE(archive.contains("b"));
  EXPECT_EQ(archive.find("c"), nullptr);
}

TEST(NpzTest, RoundTripsStoredAndDeflated) {
  TempDir dir;
  NpzArchive archive = sampleArchive();
  for (ZipCompression compression :
       {ZipCompression::Stored, ZipCompression::Deflate}) {
    std::string path = dir.path("g.npz");
    ASSERT_TRUE(writeNpz(path, archive, compression));
    Result<NpzArchive> read = readNpz(path);
    ASSERT_TRUE(read) << read.message();
    expectSameArchive(*read, archive);
  }
  // A compressible array must actually shrink when deflated.
  NpzArchive zeros;
  zeros.add("z", Tensor::zeros(DType::Float32, {1000}));
  EXPECT_LT(serialize(zeros, ZipCompression::Deflate).size(),
            serialize(zeros, ZipCompression::Stored).size() / 4);
  // Empty archives are valid.
  Result<NpzArchive> empty = parse(serialize({}, ZipCompression::Stored));
  ASSERT_TRUE(empty) << empty.message();
  EXPECT_TRUE(empty->empty());
}

TEST(NpzTest, MembersAreNpyFilesWithSuffix) {
  Bytes zip = serialize(sampleArchive(), ZipCompression::Stored);
  Result<std::vector<ZipMember>> members = parseZip(zip.data(), zip.size());
  ASSERT_TRUE(members) << members.message();
  ASSERT_EQ(members->size(), 7u);
  EXPECT_EQ((*members)[0].name, "w1.npy");
  EXPECT_EQ((*members)[6].name, "grad/layer.0.npy");
  EXPECT_EQ((*members)[0].data, serializeNpy(sample(DType::Float32, {16, 8})));
  // Deterministic output (fixed timestamps).
  EXPECT_EQ(zip, serialize(sampleArchive(), ZipCompression::Stored));
}

TEST(NpzTest, KeysFollowNumpy) {
  // Members without ".npy" are arrays if they hold NPY data (full name as
  // key) and are skipped otherwise; directories are skipped.
  std::vector<ZipMember> members = {
      {"notes.txt", toBytes("hello")},
      {"raw", serializeNpy(sample(DType::UInt8, {2}))},
      {"dir/", {}},
      {"x.npy", serializeNpy(sample(DType::Int64, {3}))},
  };
  Result<Bytes> zip = serializeZip(members, ZipCompression::Deflate);
  ASSERT_TRUE(zip) << zip.message();
  Result<NpzArchive> archive = parse(*zip);
  ASSERT_TRUE(archive) << archive.message();
  ASSERT_EQ(archive->size(), 2u);
  EXPECT_EQ(archive->arrays()[0].name, "raw");
  EXPECT_EQ(archive->arrays()[1].name, "x");
}

TEST(NpzTest, PassesReadOptionsToMembers) {
  NpzArchive archive;
  archive.add("w", sample(DType::Float64, {3}));
  Bytes zip = serialize(archive, ZipCompression::Stored);
  NpyReadOptions strict;
  strict.requiredDType = DType::Float32;
  EXPECT_TRUE(failsWith(parse(zip, strict),
                        {"G.npz: member 'w.npy': unsupported dtype '<f8', "
                         "expected float32 ('<f4')"}));
  strict.convertFloat64ToFloat32 = true;
  Result<NpzArchive> converted = parse(zip, strict);
  ASSERT_TRUE(converted) << converted.message();
  EXPECT_EQ(converted->find("w")->dtype(), DType::Float32);
}

TEST(NpzTest, RejectsMissingEmptyAndGarbageFiles) {
  TempDir dir;
  std::string path = dir.path("g.npz");
  EXPECT_TRUE(failsWith(readNpz(path), {path + ": cannot open"}));
  writeBytes(path, {});
  EXPECT_TRUE(failsWith(readNpz(path), {path + ": not a ZIP archive"}));
  writeBytes(path, toBytes(std::string(1000, 'x')));
  EXPECT_TRUE(failsWith(readNpz(path), {path + ": not a ZIP archive"}));
  // An .npy file is not an .npz file.
  writeBytes(path, serializeNpy(sample(DType::Float32, {10})));
  EXPECT_TRUE(failsWith(readNpz(path), {path + ": not a ZIP archive"}));
  EXPECT_TRUE(failsWith(writeNpz(dir.path("no/dir/g.npz"), sampleArchive()),
                        {"no/dir/g.npz: cannot open for writing"}));
}

TEST(NpzTest, RejectsTruncatedArchives) {
  Bytes zip = serialize(sampleArchive(), ZipCompression::Deflate);
  for (size_t keep : {size_t(0), size_t(10), zip.size() / 2, zip.size() - 1})
    EXPECT_TRUE(failsWith(parse(Bytes(zip.begin(), zip.begin() + keep)),
                          {"G.npz: not a ZIP archive, or truncated"}));
  // Member data cut off but the directory intact: move the central
  // directory offset past the members.
  size_t cd = centralDirOffset(zip);
  Bytes broken(zip.begin(), zip.begin() + 100);
  broken.insert(broken.end(), zip.begin() + cd, zip.end());
  size_t eocd = broken.size() - 22;
  broken[eocd + 16] = 100; // Central directory now starts at offset 100.
  broken[eocd + 17] = broken[eocd + 18] = broken[eocd + 19] = 0;
  EXPECT_TRUE(failsWith(parse(broken), {"G.npz: member 'w1.npy'"}));
}

TEST(NpzTest, DetectsCorruptMembers) {
  NpzArchive archive;
  archive.add("x", sample(DType::Float32, {64}));
  Bytes stored = serialize(archive, ZipCompression::Stored);
  Bytes flipped = stored;
  flipped[centralDirOffset(stored) - 5] ^= 0x40; // Inside x.npy's data.
  EXPECT_TRUE(
      failsWith(parse(flipped), {"G.npz: member 'x.npy': CRC-32 mismatch"}));

  Bytes deflated = serialize(archive, ZipCompression::Deflate);
  size_t dataStart = 30 + 5; // Local header + "x.npy".
  for (size_t i = dataStart; i < centralDirOffset(deflated); ++i)
    deflated[i] = 0xff;
  EXPECT_TRUE(failsWith(parse(deflated),
                        {"G.npz: member 'x.npy': corrupt deflate data"}));

  // A member whose content is not NPY.
  Result<Bytes> zip =
      serializeZip({{"x.npy", toBytes("not numpy")}}, ZipCompression::Stored);
  ASSERT_TRUE(zip);
  EXPECT_TRUE(
      failsWith(parse(*zip), {"G.npz: member 'x.npy': not an NPY file"}));
}

TEST(NpzTest, RejectsUnsupportedZipFeatures) {
  NpzArchive archive;
  archive.add("x", sample(DType::Float32, {4}));
  Bytes zip = serialize(archive, ZipCompression::Stored);
  size_t cd = centralDirOffset(zip), eocd = zip.size() - 22;

  Bytes zip64 = zip;
  put16(zip64, eocd + 8, 0xffff);
  put16(zip64, eocd + 10, 0xffff);
  EXPECT_TRUE(failsWith(parse(zip64), {"G.npz: ZIP64 archives are not "
                                       "supported"}));
  Bytes zip64Member = zip;
  put16(zip64Member, cd + 20, 0xffff);
  put16(zip64Member, cd + 22, 0xffff);
  EXPECT_TRUE(failsWith(parse(zip64Member),
                        {"G.npz: member 'x.npy': ZIP64 members are not "
                         "supported"}));
  Bytes bzip2 = zip;
  put16(bzip2, cd + 10, 12);
  EXPECT_TRUE(failsWith(parse(bzip2), {"G.npz: member 'x.npy': unsupported "
                                       "compression method 12"}));
  Bytes encrypted = zip;
  put16(encrypted, cd + 8, 1);
  EXPECT_TRUE(failsWith(parse(encrypted), {"encrypted members are not "
                                           "supported"}));
  Bytes multiDisk = zip;
  put16(multiDisk, eocd + 4, 1);
  EXPECT_TRUE(failsWith(parse(multiDisk), {"multi-disk"}));
  Bytes badOffset = zip;
  put16(badOffset, cd + 42, 0x7fff);
  EXPECT_TRUE(failsWith(parse(badOffset), {"bad local header offset"}));
}

TEST(NpzTest, EscapesMemberNamesInMessages) {
  Result<Bytes> zip = serializeZip({{"bad\nname\\.npy", toBytes("garbage")}},
                                   ZipCompression::Stored);
  ASSERT_TRUE(zip);
  EXPECT_TRUE(failsWith(parse(*zip), {"G.npz: member 'bad\\x0Aname\\x5C.npy': "
                                      "not an NPY file"}));
}

TEST(NpzTest, RejectsDuplicateNames) {
  EXPECT_TRUE(failsWith(
      serializeZip({{"a.npy", {}}, {"a.npy", {}}}, ZipCompression::Stored),
      {"member 'a.npy': duplicate member name"}));
  Bytes npy = serializeNpy(sample(DType::UInt8, {1}));
  Result<Bytes> zip =
      serializeZip({{"a", npy}, {"a.npy", npy}}, ZipCompression::Stored);
  ASSERT_TRUE(zip);
  EXPECT_TRUE(failsWith(parse(*zip), {"G.npz: duplicate array 'a'"}));
}
