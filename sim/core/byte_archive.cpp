#include "sim/core/byte_archive.hpp"

namespace ptcesim::core {

void ByteWriter::string(std::string_view text) {
  scalar(static_cast<std::uint64_t>(text.size()));
  append(text.data(), text.size());
}

void ByteWriter::strings(const std::vector<std::string>& texts) {
  scalar(static_cast<std::uint64_t>(texts.size()));
  for (const auto& t : texts)
    string(t);
}

void ByteWriter::append(const void* data, std::size_t n) {
  const auto* bytes = static_cast<const std::byte*>(data);
  bytes_.insert(bytes_.end(), bytes, bytes + n);
}

std::string ByteReader::string() {
  const auto n = length(1);
  std::string text(n, '\0');
  copy_out(text.data(), n);
  return text;
}

void ByteReader::strings(std::vector<std::string>& texts) {
  // Each string takes at least its 8-byte length, which bounds a corrupt count.
  const auto n = length(sizeof(std::uint64_t));
  texts.clear();
  texts.reserve(n);
  for (std::size_t i = 0; i < n; ++i)
    texts.push_back(string());
}

std::size_t ByteReader::length(std::size_t min_item_bytes) {
  const auto n = scalar<std::uint64_t>();
  if (min_item_bytes > 0 && n > remaining() / min_item_bytes)
    throw ArchiveError("length " + std::to_string(n) + " at offset " +
                       std::to_string(offset_ - sizeof(std::uint64_t)) +
                       " exceeds the bytes left (" + std::to_string(remaining()) + ")");
  return static_cast<std::size_t>(n);
}

void ByteReader::expect_end() const {
  if (remaining() != 0)
    throw ArchiveError(std::to_string(remaining()) + " unexpected bytes at the end");
}

void ByteReader::copy_out(void* out, std::size_t n) {
  if (n > remaining())
    throw ArchiveError("unexpected end of data at offset " + std::to_string(offset_) + " (" +
                       std::to_string(n) + " bytes wanted, " + std::to_string(remaining()) +
                       " left)");
  if (n > 0)
    std::memcpy(out, bytes_.data() + offset_, n);
  offset_ += n;
}

} // namespace ptcesim::core
