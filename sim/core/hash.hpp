#pragma once
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace ptcesim::core {

/// Incremental 64-bit FNV-1a over raw bytes: a fingerprint of simulation state for
/// determinism tests (equal states give equal hashes on one platform).
class StateHash {
public:
  void add_bytes(const void* data, std::size_t n) noexcept;
  template <class T>
  void add(const std::vector<T>& column) noexcept {
    add_bytes(column.data(), column.size() * sizeof(T));
  }
  template <class T>
  void add_value(const T& v) noexcept {
    add_bytes(&v, sizeof(T));
  }
  [[nodiscard]] std::uint64_t value() const noexcept { return h_; }

private:
  std::uint64_t h_ = 14695981039346656037ull;
};

} // namespace ptcesim::core
