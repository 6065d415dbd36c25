//===- Zip.cpp - minimal ZIP archive reader and writer --------------------===//
//
// Layout reference: PKWARE APPNOTE.TXT, sections 4.3.7 (local file header),
// 4.3.12 (central directory header) and 4.3.16 (end of central directory).
//
//===----------------------------------------------------------------------===//
#include "framnn/Support/Zip.h"

#include "Printable.h"

#include <optional>
#include <set>
#include <zlib.h>

using namespace framnn;

static const uint32_t kLocalHeaderSig = 0x04034b50;
static const uint32_t kCentralHeaderSig = 0x02014b50;
static const uint32_t kEndOfCentralDirSig = 0x06054b50;
static const uint32_t kZip64LocatorSig = 0x07064b50;
static const size_t kLocalHeaderSize = 30;
static const size_t kCentralHeaderSize = 46;
static const size_t kEndOfCentralDirSize = 22;
static const uint16_t kMethodStored = 0, kMethodDeflate = 8;
// 1980-01-01 00:00:00 in MS-DOS date format; the time field is 0.
static const uint16_t kDosDate = (0 << 9) | (1 << 5) | 1;
// Deflate cannot expand data by more than ~1032x; larger claimed sizes are
// corrupt and must not drive an allocation.
static const uint64_t kMaxDeflateRatio = 1032;

static uint16_t get16(const uint8_t *p) { return p[0] | (p[1] << 8); }
static uint32_t get32(const uint8_t *p) {
  return static_cast<uint32_t>(get16(p)) |
         (static_cast<uint32_t>(get16(p + 2)) << 16);
}
static void put16(std::vector<uint8_t> &out, uint32_t v) {
  out.push_back(static_cast<uint8_t>(v));
  out.push_back(static_cast<uint8_t>(v >> 8));
}
static void put32(std::vector<uint8_t> &out, uint32_t v) {
  put16(out, v & 0xffff);
  put16(out, v >> 16);
}

static uint32_t crc32Of(const uint8_t *data, size_t size) {
  // Sizes are below 4 GiB (no ZIP64), so one call fits zlib's uInt.
  return static_cast<uint32_t>(
      crc32(crc32(0L, Z_NULL, 0), data, static_cast<uInt>(size)));
}

//===----------------------------------------------------------------------===//
// Reading
//===----------------------------------------------------------------------===//

/// Offset of the end-of-central-directory record: the last signature that
/// leaves room for its own comment.
static std::optional<size_t> findEndOfCentralDir(const uint8_t *data,
                                                 size_t size) {
  if (size < kEndOfCentralDirSize)
    return std::nullopt;
  size_t lowest = size > kEndOfCentralDirSize + 0xffff
                      ? size - kEndOfCentralDirSize - 0xffff
                      : 0;
  for (size_t pos = size - kEndOfCentralDirSize + 1; pos-- > lowest;)
    if (get32(data + pos) == kEndOfCentralDirSig &&
        pos + kEndOfCentralDirSize + get16(data + pos + 20) <= size)
      return pos;
  return std::nullopt;
}

static Result<std::vector<uint8_t>> inflateMember(const uint8_t *in,
                                                  size_t inSize, size_t outSize,
                                                  const std::string &member) {
  auto fail = [&](const std::string &what) {
    return Error{"member '" + printable(member) + "': " + what};
  };
  if (outSize > inSize * kMaxDeflateRatio + 1024)
    return fail("corrupt sizes: " + std::to_string(inSize) +
                " compressed bytes cannot hold " + std::to_string(outSize));
  // One spare byte tells "more data than declared" apart from an exact fit.
  std::vector<uint8_t> out(outSize + 1);
  z_stream stream{};
  if (inflateInit2(&stream, -MAX_WBITS) != Z_OK) // Raw deflate, no header.
    return fail("cannot initialize zlib");
  stream.next_in = const_cast<Bytef *>(in);
  stream.avail_in = static_cast<uInt>(inSize);
  stream.next_out = out.data();
  stream.avail_out = static_cast<uInt>(out.size());
  int ret = inflate(&stream, Z_FINISH);
  std::string zlibMessage = stream.msg ? stream.msg : "";
  size_t produced = stream.total_out;
  inflateEnd(&stream);
  if (ret == Z_DATA_ERROR || ret == Z_MEM_ERROR || ret == Z_STREAM_ERROR)
    return fail("corrupt deflate data" +
                (zlibMessage.empty() ? "" : " (" + zlibMessage + ")"));
  if (ret == Z_STREAM_END && produced == outSize) {
    out.pop_back();
    return out;
  }
  if (produced > outSize || ret == Z_STREAM_END)
    return fail("decompressed size differs from the " +
                std::to_string(outSize) + " bytes in the directory");
  return fail("truncated deflate data");
}

Result<std::vector<ZipMember>> framnn::parseZip(const uint8_t *data,
                                                size_t size) {
  std::optional<size_t> eocd = findEndOfCentralDir(data, size);
  if (!eocd)
    return Error{"not a ZIP archive, or truncated (no end of central directory "
                 "record)"};
  const uint8_t *end = data + *eocd;
  uint16_t diskNumber = get16(end + 4), centralDirDisk = get16(end + 6);
  uint16_t entriesOnDisk = get16(end + 8), entries = get16(end + 10);
  uint32_t centralDirSize = get32(end + 12), centralDirOffset = get32(end + 16);
  if (entries == 0xffff || centralDirSize == 0xffffffff ||
      centralDirOffset == 0xffffffff ||
      (*eocd >= 20 && get32(end - 20) == kZip64LocatorSig))
    return Error{"ZIP64 archives are not supported"};
  if (diskNumber != 0 || centralDirDisk != 0 || entriesOnDisk != entries)
    return Error{"multi-disk ZIP archives are not supported"};
  if (static_cast<uint64_t>(centralDirOffset) + centralDirSize > *eocd)
    return Error{"corrupt ZIP archive: central directory lies outside the "
                 "file"};

  std::vector<ZipMember> members;
  std::set<std::string> names;
  const uint8_t *entry = data + centralDirOffset;
  const uint8_t *entriesEnd = entry + centralDirSize;
  for (unsigned i = 0; i < entries; ++i) {
    if (entriesEnd - entry < static_cast<ptrdiff_t>(kCentralHeaderSize) ||
        get32(entry) != kCentralHeaderSig)
      return Error{"corrupt ZIP archive: bad central directory entry " +
                   std::to_string(i)};
    uint16_t flags = get16(entry + 8), method = get16(entry + 10);
    uint32_t crc = get32(entry + 16);
    uint32_t compressedSize = get32(entry + 20), size32 = get32(entry + 24);
    size_t nameLength = get16(entry + 28);
    size_t entryLength =
        kCentralHeaderSize + nameLength + get16(entry + 30) + get16(entry + 32);
    uint32_t localOffset = get32(entry + 42);
    if (static_cast<size_t>(entriesEnd - entry) < entryLength)
      return Error{"corrupt ZIP archive: bad central directory entry " +
                   std::to_string(i)};
    std::string name(reinterpret_cast<const char *>(entry) + kCentralHeaderSize,
                     nameLength);
    entry += entryLength;

    auto fail = [&](const std::string &what) {
      return Error{"member '" + printable(name) + "': " + what};
    };
    if (compressedSize == 0xffffffff || size32 == 0xffffffff ||
        localOffset == 0xffffffff)
      return fail("ZIP64 members are not supported");
    if (flags & 1)
      return fail("encrypted members are not supported");
    if (method != kMethodStored && method != kMethodDeflate)
      return fail("unsupported compression method " + std::to_string(method) +
                  " (supported: stored, deflate)");
    if (!name.empty() && name.back() == '/')
      continue; // A directory.
    if (!names.insert(name).second)
      return fail("duplicate member name");

    // The local header repeats the name and may have a different extra
    // field (numpy's ZIP64 one), so only its lengths are used.
    if (static_cast<uint64_t>(localOffset) + kLocalHeaderSize > size ||
        get32(data + localOffset) != kLocalHeaderSig)
      return fail("corrupt ZIP archive: bad local header offset");
    const uint8_t *local = data + localOffset;
    uint64_t dataOffset = static_cast<uint64_t>(localOffset) +
                          kLocalHeaderSize + get16(local + 26) +
                          get16(local + 28);
    if (dataOffset + compressedSize > size)
      return fail("truncated data: " + std::to_string(compressedSize) +
                  " bytes expected at offset " + std::to_string(dataOffset) +
                  ", archive has " + std::to_string(size) + " bytes");
    const uint8_t *payload = data + dataOffset;

    ZipMember member{name, {}};
    if (method == kMethodStored) {
      if (compressedSize != size32)
        return fail("corrupt ZIP archive: stored member with different "
                    "compressed and uncompressed sizes");
      member.data.assign(payload, payload + compressedSize);
    } else {
      Result<std::vector<uint8_t>> inflated =
          inflateMember(payload, compressedSize, size32, name);
      if (!inflated)
        return inflated.error();
      member.data = std::move(*inflated);
    }
    if (crc32Of(member.data.data(), member.data.size()) != crc)
      return fail("CRC-32 mismatch (archive is corrupt)");
    members.push_back(std::move(member));
  }
  return members;
}

//===----------------------------------------------------------------------===//
// Writing
//===----------------------------------------------------------------------===//

static Result<std::vector<uint8_t>> deflateMember(const ZipMember &member) {
  z_stream stream{};
  if (deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 8,
                   Z_DEFAULT_STRATEGY) != Z_OK)
    return Error{"member '" + printable(member.name) +
                 "': cannot initialize zlib"};
  std::vector<uint8_t> out(deflateBound(&stream, member.data.size()));
  stream.next_in = const_cast<Bytef *>(member.data.data());
  stream.avail_in = static_cast<uInt>(member.data.size());
  stream.next_out = out.data();
  stream.avail_out = static_cast<uInt>(out.size());
  int ret = deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  if (ret != Z_STREAM_END)
    return Error{"member '" + printable(member.name) +
                 "': zlib deflate failed"};
  return out;
}

/// The header fields shared by local and central headers, from "version
/// needed" through the name length.
static void putCommonFields(std::vector<uint8_t> &out, uint16_t flags,
                            uint16_t method, uint32_t crc,
                            size_t compressedSize, size_t size,
                            size_t nameLength) {
  put16(out, 20); // Version needed: 2.0 (deflate).
  put16(out, flags);
  put16(out, method);
  put16(out, 0); // Time.
  put16(out, kDosDate);
  put32(out, crc);
  put32(out, static_cast<uint32_t>(compressedSize));
  put32(out, static_cast<uint32_t>(size));
  put16(out, static_cast<uint32_t>(nameLength));
}

Result<std::vector<uint8_t>>
framnn::serializeZip(const std::vector<ZipMember> &members,
                     ZipCompression compression) {
  if (members.size() >= 0xffff)
    return Error{"too many members for a ZIP archive without ZIP64"};
  uint16_t method =
      compression == ZipCompression::Deflate ? kMethodDeflate : kMethodStored;
  std::vector<uint8_t> out, centralDir;
  std::set<std::string> names;
  for (const ZipMember &member : members) {
    auto fail = [&](const std::string &what) {
      return Error{"member '" + printable(member.name) + "': " + what};
    };
    if (member.name.empty() || member.name.size() > 0xffff)
      return fail("invalid member name length");
    if (!names.insert(member.name).second)
      return fail("duplicate member name");
    if (member.data.size() >= 0xffffffff)
      return fail("too large for a ZIP archive without ZIP64");

    std::vector<uint8_t> deflated;
    if (method == kMethodDeflate) {
      Result<std::vector<uint8_t>> result = deflateMember(member);
      if (!result)
        return result.error();
      deflated = std::move(*result);
    }
    const std::vector<uint8_t> &payload =
        method == kMethodDeflate ? deflated : member.data;
    size_t localOffset = out.size();
    if (localOffset >= 0xffffffff || localOffset + payload.size() >= 0xffffffff)
      return fail("archive too large for ZIP without ZIP64");

    uint32_t crc = crc32Of(member.data.data(), member.data.size());
    // Bit 11: the name is UTF-8 (otherwise readers assume code page 437).
    uint16_t flags = 0;
    for (unsigned char c : member.name)
      if (c >= 0x80)
        flags = 1 << 11;

    put32(out, kLocalHeaderSig);
    putCommonFields(out, flags, method, crc, payload.size(), member.data.size(),
                    member.name.size());
    put16(out, 0); // Extra field length.
    out.insert(out.end(), member.name.begin(), member.name.end());
    out.insert(out.end(), payload.begin(), payload.end());

    put32(centralDir, kCentralHeaderSig);
    put16(centralDir, (3 << 8) | 20); // Made by: Unix, ZIP 2.0.
    putCommonFields(centralDir, flags, method, crc, payload.size(),
                    member.data.size(), member.name.size());
    put16(centralDir, 0);              // Extra field length.
    put16(centralDir, 0);              // Comment length.
    put16(centralDir, 0);              // Disk number.
    put16(centralDir, 0);              // Internal attributes.
    put32(centralDir, 0100644u << 16); // Unix regular file, rw-r--r--.
    put32(centralDir, static_cast<uint32_t>(localOffset));
    centralDir.insert(centralDir.end(), member.name.begin(), member.name.end());
  }

  size_t centralDirOffset = out.size();
  if (centralDirOffset + centralDir.size() >= 0xffffffff)
    return Error{"archive too large for ZIP without ZIP64"};
  out.insert(out.end(), centralDir.begin(), centralDir.end());
  put32(out, kEndOfCentralDirSig);
  put16(out, 0); // This disk.
  put16(out, 0); // Disk with the central directory.
  put16(out, static_cast<uint32_t>(members.size()));
  put16(out, static_cast<uint32_t>(members.size()));
  put32(out, static_cast<uint32_t>(centralDir.size()));
  put32(out, static_cast<uint32_t>(centralDirOffset));
  put16(out, 0); // Comment length.
  return out;
}
