#pragma once
// A flat little-endian byte archive for checkpoints: trivially-copyable scalars, vectors of them
// and strings, each vector or string prefixed by its length. Reads are bounds-checked and throw
// ArchiveError, so a damaged archive gives a message, never a crash. The archive carries no type
// information: writer and reader must list the same values in the same order.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace ptcesim::core {

/// A read went past the end of the archive, or a length or flag in it is impossible.
class ArchiveError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// Values that may be copied byte for byte. `bool` is written as one byte and checked on read.
template <class T>
concept ArchiveScalar = std::is_trivially_copyable_v<T> && !std::is_pointer_v<T>;

/// Appends values to a growing byte buffer.
class ByteWriter {
public:
  /// Appends the bytes of `value`.
  template <ArchiveScalar T>
  void scalar(const T& value) {
    append(&value, sizeof(T));
  }
  /// Appends the element count, then the elements' bytes.
  template <ArchiveScalar T>
  void vector(const std::vector<T>& values) {
    scalar(static_cast<std::uint64_t>(values.size()));
    append(values.data(), values.size() * sizeof(T));
  }
  /// Appends the length, then the characters.
  void string(std::string_view text);
  /// Appends the count, then each string.
  void strings(const std::vector<std::string>& texts);
  /// Appends raw bytes (no length prefix).
  void append(const void* data, std::size_t n);
  /// The bytes written so far.
  [[nodiscard]] const std::vector<std::byte>& bytes() const noexcept { return bytes_; }
  /// Hands the buffer over (the writer is empty afterwards).
  [[nodiscard]] std::vector<std::byte> take() noexcept { return std::move(bytes_); }

private:
  std::vector<std::byte> bytes_;
};

/// Reads values back from a byte span, in the order they were written.
class ByteReader {
public:
  /// Reads from `bytes`, which must outlive the reader.
  explicit ByteReader(std::span<const std::byte> bytes) noexcept : bytes_(bytes) {}

  /// Reads one value into `value`.
  template <ArchiveScalar T>
  void scalar(T& value) {
    if constexpr (std::is_same_v<T, bool>) {
      std::uint8_t byte = 0;
      copy_out(&byte, 1);
      if (byte > 1)
        throw ArchiveError("invalid flag byte at offset " + std::to_string(offset_ - 1));
      value = byte == 1;
    } else {
      copy_out(&value, sizeof(T));
    }
  }
  /// Reads and returns one value.
  template <ArchiveScalar T>
  [[nodiscard]] T scalar() {
    T value{};
    scalar(value);
    return value;
  }
  /// Reads a vector written by ByteWriter::vector, replacing the content of `values`.
  template <ArchiveScalar T>
  void vector(std::vector<T>& values) {
    static_assert(!std::is_same_v<T, bool>, "std::vector<bool> is not an archive vector");
    const auto n = length(sizeof(T));
    values.resize(n);
    copy_out(values.data(), n * sizeof(T));
  }
  /// Reads a string written by ByteWriter::string.
  [[nodiscard]] std::string string();
  /// Reads strings written by ByteWriter::strings, replacing the content of `texts`.
  void strings(std::vector<std::string>& texts);
  /// Reads a count of items of at least `min_item_bytes` each, checked against what is left.
  [[nodiscard]] std::size_t length(std::size_t min_item_bytes);
  /// Bytes not read yet.
  [[nodiscard]] std::size_t remaining() const noexcept { return bytes_.size() - offset_; }
  /// Bytes read so far.
  [[nodiscard]] std::size_t offset() const noexcept { return offset_; }
  /// Throws ArchiveError unless every byte was read (trailing bytes mean a layout mismatch).
  void expect_end() const;

private:
  void copy_out(void* out, std::size_t n);
  std::span<const std::byte> bytes_;
  std::size_t offset_ = 0;
};

} // namespace ptcesim::core
