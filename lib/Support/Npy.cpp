//===- Npy.cpp - numpy .npy files -----------------------------------------===//
#include "framnn/Support/Npy.h"

#include "NpyHeader.h"
#include "Printable.h"
#include "framnn/Support/FileIO.h"

#include <cstring>
#include <limits>

using namespace framnn;

// Element bytes are copied as-is, so the host must share NPY's byte order.
static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
              "FramNNSupport assumes a little-endian host");

static const char kMagic[] = "\x93NUMPY";
static const size_t kMagicSize = 6;
static const char kSupportedDescrs[] =
    "'<f4', '<f8', '<i4', '<i8', '|u1', '|b1'";

const char *framnn::npyDescr(DType type) {
  switch (type) {
  case DType::Float32:
    return "<f4";
  case DType::Float64:
    return "<f8";
  case DType::Int32:
    return "<i4";
  case DType::Int64:
    return "<i8";
  case DType::UInt8:
    return "|u1";
  }
  return "?";
}

static std::optional<DType> dtypeFromDescr(const std::string &descr) {
  for (DType type : {DType::Float32, DType::Float64, DType::Int32, DType::Int64,
                     DType::UInt8})
    if (descr == npyDescr(type))
      return type;
  // Byte order is meaningless for single bytes; '<u1' and 'u1' also occur.
  if (descr == "<u1" || descr == "u1")
    return DType::UInt8;
  // numpy bools are single bytes 0/1: read as uint8 (masks, conditions).
  if (descr == "|b1" || descr == "<b1" || descr == "b1")
    return DType::UInt8;
  return std::nullopt;
}

static uint32_t readLE(const uint8_t *p, size_t bytes) {
  uint32_t value = 0;
  for (size_t i = 0; i < bytes; ++i)
    value |= static_cast<uint32_t>(p[i]) << (8 * i);
  return value;
}

bool framnn::hasNpyMagic(const uint8_t *data, size_t size) {
  return size >= kMagicSize && std::memcmp(data, kMagic, kMagicSize) == 0;
}

Result<Tensor> framnn::parseNpy(const uint8_t *data, size_t size,
                                const std::string &name,
                                const NpyReadOptions &options) {
  auto fail = [&](const std::string &what) {
    return Error{name + ": " + what};
  };

  if (!hasNpyMagic(data, size))
    return fail("not an NPY file (missing \\x93NUMPY magic)");
  if (size < kMagicSize + 2)
    return fail("truncated header: file has only " + std::to_string(size) +
                " bytes");
  unsigned major = data[6], minor = data[7];
  // Version 1.0 has a 2-byte header length; 2.0 and 3.0 (UTF-8 header)
  // have 4 bytes.
  size_t lengthBytes = major == 1 ? 2 : (major == 2 || major == 3) ? 4 : 0;
  if (!lengthBytes)
    return fail("unsupported NPY format version " + std::to_string(major) +
                "." + std::to_string(minor) + " (supported: 1.0, 2.0, 3.0)");
  size_t prefix = kMagicSize + 2 + lengthBytes;
  if (size < prefix)
    return fail("truncated header: file has only " + std::to_string(size) +
                " bytes");
  size_t headerLength = readLE(data + kMagicSize + 2, lengthBytes);
  if (headerLength > size - prefix)
    return fail("truncated header: header length is " +
                std::to_string(headerLength) + " bytes, file has " +
                std::to_string(size - prefix) + " bytes after the prefix");

  Result<npy_detail::NpyHeader> header =
      npy_detail::parseHeaderDict(std::string_view(
          reinterpret_cast<const char *>(data + prefix), headerLength));
  if (!header)
    return header.error().withContext(name);

  std::optional<DType> fileType = dtypeFromDescr(header->descr);
  if (!fileType)
    return fail("unsupported dtype '" + printable(header->descr) +
                "' (supported: " + kSupportedDescrs + ")");
  if (header->fortranOrder)
    return fail("fortran_order arrays are not supported; save a C-order "
                "array (numpy.ascontiguousarray)");
  bool convert = options.convertFloat64ToFloat32 && *fileType == DType::Float64;
  DType resultType = convert ? DType::Float32 : *fileType;
  if (options.requiredDType && resultType != *options.requiredDType)
    return fail("unsupported dtype '" + printable(header->descr) +
                "', expected " + dtypeName(*options.requiredDType) + " ('" +
                npyDescr(*options.requiredDType) + "')");

  const std::vector<int64_t> &shape = header->shape;
  int64_t count = checkedNumElements(shape);
  size_t itemSize = dtypeSize(*fileType);
  if (count < 0 || static_cast<uint64_t>(count) >
                       std::numeric_limits<size_t>::max() / itemSize)
    return fail("shape " + formatShape(shape) + " is too large");
  size_t needed = static_cast<size_t>(count) * itemSize;
  size_t available = size - prefix - headerLength;
  if (needed != available)
    return fail(std::string(needed > available ? "truncated" : "trailing") +
                " data: header says " + formatShape(shape) + " " +
                dtypeName(*fileType) + " (" + std::to_string(needed) +
                " bytes), file has " + std::to_string(available) +
                " bytes of data");

  Tensor tensor = Tensor::zeros(*fileType, shape);
  if (needed)
    std::memcpy(tensor.rawData(), data + prefix + headerLength, needed);
  if (convert)
    return tensor.castTo(DType::Float32);
  return tensor;
}

Result<Tensor> framnn::readNpy(const std::string &path,
                               const NpyReadOptions &options) {
  Result<std::vector<uint8_t>> bytes = readFileBytes(path);
  if (!bytes)
    return bytes.error();
  return parseNpy(bytes->data(), bytes->size(), path, options);
}

std::vector<uint8_t> framnn::serializeNpy(const Tensor &tensor) {
  std::string dict =
      npy_detail::formatHeaderDict(npyDescr(tensor.dtype()), tensor.shape());
  // Like numpy: pad with spaces and a final '\n' so the data starts at a
  // multiple of 64 bytes; fall back to version 2.0 for huge headers.
  unsigned major = 1;
  size_t prefix = kMagicSize + 4;
  auto paddedLength = [&] {
    size_t unpadded = prefix + dict.size() + 1;
    return dict.size() + 1 + (64 - unpadded % 64) % 64;
  };
  size_t headerLength = paddedLength();
  if (headerLength > 0xffff) {
    major = 2;
    prefix = kMagicSize + 6;
    headerLength = paddedLength();
  }

  std::vector<uint8_t> bytes(kMagic, kMagic + kMagicSize);
  bytes.push_back(static_cast<uint8_t>(major));
  bytes.push_back(0);
  for (size_t i = 0; i < prefix - kMagicSize - 2; ++i)
    bytes.push_back(static_cast<uint8_t>(headerLength >> (8 * i)));
  bytes.insert(bytes.end(), dict.begin(), dict.end());
  bytes.resize(prefix + headerLength - 1, ' ');
  bytes.push_back('\n');
  const uint8_t *raw = static_cast<const uint8_t *>(tensor.rawData());
  bytes.insert(bytes.end(), raw, raw + tensor.byteSize());
  return bytes;
}

Status framnn::writeNpy(const std::string &path, const Tensor &tensor) {
  return writeFileBytes(path, serializeNpy(tensor));
}
