//===- Npz.cpp - numpy .npz archives --------------------------------------===//
#include "framnn/Support/Npz.h"

#include "framnn/Support/FileIO.h"

#include "Printable.h"

using namespace framnn;

static const char kNpySuffix[] = ".npy";
static const size_t kNpySuffixSize = 4;

bool NpzArchive::add(std::string name, Tensor tensor) {
  if (find(name))
    return false;
  entries.push_back({std::move(name), std::move(tensor)});
  return true;
}

void NpzArchive::set(std::string name, Tensor tensor) {
  if (Tensor *existing = find(name))
    *existing = std::move(tensor);
  else
    entries.push_back({std::move(name), std::move(tensor)});
}

const Tensor *NpzArchive::find(std::string_view name) const {
  for (const NamedTensor &entry : entries)
    if (entry.name == name)
      return &entry.tensor;
  return nullptr;
}

Tensor *NpzArchive::find(std::string_view name) {
  return const_cast<Tensor *>(std::as_const(*this).find(name));
}

static bool hasNpySuffix(const std::string &name) {
  return name.size() >= kNpySuffixSize &&
         name.compare(name.size() - kNpySuffixSize, kNpySuffixSize,
                      kNpySuffix) == 0;
}

Result<NpzArchive> framnn::parseNpz(const uint8_t *data, size_t size,
                                    const std::string &name,
                                    const NpyReadOptions &options) {
  Result<std::vector<ZipMember>> members = parseZip(data, size);
  if (!members)
    return members.error().withContext(name);
  NpzArchive archive;
  for (const ZipMember &member : *members) {
    // numpy decides by content, not by name: members without the NPY magic
    // come back as raw bytes there, and are simply not arrays here.
    bool isNpy = hasNpySuffix(member.name);
    if (!isNpy && !hasNpyMagic(member.data.data(), member.data.size()))
      continue;
    Result<Tensor> tensor =
        parseNpy(member.data.data(), member.data.size(),
                 name + ": member '" + printable(member.name) + "'", options);
    if (!tensor)
      return tensor.error();
    std::string key =
        isNpy ? member.name.substr(0, member.name.size() - kNpySuffixSize)
              : member.name;
    if (!archive.add(key, std::move(*tensor)))
      return Error{name + ": duplicate array '" + printable(key) + "'"};
  }
  return archive;
}

Result<NpzArchive> framnn::readNpz(const std::string &path,
                                   const NpyReadOptions &options) {
  Result<std::vector<uint8_t>> bytes = readFileBytes(path);
  if (!bytes)
    return bytes.error();
  return parseNpz(bytes->data(), bytes->size(), path, options);
}

Result<std::vector<uint8_t>> framnn::serializeNpz(const NpzArchive &archive,
                                                  ZipCompression compression) {
  std::vector<ZipMember> members;
  members.reserve(archive.size());
  for (const NamedTensor &entry : archive.arrays())
    members.push_back({entry.name + kNpySuffix, serializeNpy(entry.tensor)});
  return serializeZip(members, compression);
}

Status framnn::writeNpz(const std::string &path, const NpzArchive &archive,
                        ZipCompression compression) {
  Result<std::vector<uint8_t>> bytes = serializeNpz(archive, compression);
  if (!bytes)
    return bytes.error().withContext(path);
  return writeFileBytes(path, *bytes);
}
