#pragma once
// Writing groups, attributes and whole datasets into an output file opened by RunFileWriter.
// Reused by every subcommand that writes HDF5 (runs, comparisons, label reports, sweeps), so
// that all outputs share one layer for paths, attributes and compression.
//
// Not thread-safe: HDF5 is built without thread safety, so all output goes through one thread.
#include "sim/core/records.hpp"

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace ptcesim::io {

namespace detail {
struct FileState;
}

/// Value of an HDF5 attribute: UTF-8 text, a 64-bit integer or a float64.
class AttributeValue {
public:
  /// Text, stored as a variable-length UTF-8 string.
  AttributeValue(std::string_view text) : value_(std::string(text)) {}
  /// Text from a literal.
  AttributeValue(const char* text) : value_(std::string(text)) {}
  /// Text.
  AttributeValue(const std::string& text) : value_(text) {}
  /// Any integer except bool, stored as int64; throws OutputError if it does not fit.
  template <std::integral T>
  requires(!std::same_as<T, bool>) AttributeValue(T number) : value_(checked_int64(number)) {}
  /// A float64.
  AttributeValue(double number) : value_(number) {}

  /// The stored alternative.
  [[nodiscard]] const std::variant<std::string, std::int64_t, double>& get() const noexcept {
    return value_;
  }

private:
  template <std::integral T>
  static std::int64_t checked_int64(T number) {
    if (!std::in_range<std::int64_t>(number))
      throw_out_of_range();
    return static_cast<std::int64_t>(number);
  }
  [[noreturn]] static void throw_out_of_range();

  std::variant<std::string, std::int64_t, double> value_;
};

/// A named attribute, e.g. {"unit", "jobs"}.
struct Attribute {
  std::string name;
  AttributeValue value;
};

/// Attributes attached to a dataset when it is written.
using Attributes = std::vector<Attribute>;

/// Writes into one group of an open output file. Cheap to copy; every copy refers to the same
/// file. Methods throw OutputError naming the file and the object once the file is finished.
class GroupWriter {
public:
  /// Absolute path of the group inside the file, e.g. "/runs/ptce/rep_0003".
  [[nodiscard]] const std::string& path() const noexcept { return path_; }

  /// The child group at `relative_path` ("a/b" allowed), created with its parents if missing.
  [[nodiscard]] GroupWriter group(std::string_view relative_path) const;

  /// Sets (or replaces) an attribute of this group.
  void set_attribute(std::string_view name, const AttributeValue& value) const;

  /// Writes a 1-D float64 dataset named `name` in this group, with `attributes`.
  void write_dataset(std::string_view name, std::span<const double> values,
                     const Attributes& attributes = {}) const;
  /// Writes a 1-D int64 dataset.
  void write_dataset(std::string_view name, std::span<const std::int64_t> values,
                     const Attributes& attributes = {}) const;
  /// Writes a 1-D dataset of variable-length UTF-8 strings.
  void write_dataset(std::string_view name, const std::vector<std::string>& values,
                     const Attributes& attributes = {}) const;
  /// Writes a rows x cols float64 dataset from row-major `values` (size rows * cols).
  void write_dataset_2d(std::string_view name, std::span<const double> values, std::size_t rows,
                        std::size_t cols, const Attributes& attributes = {}) const;
  /// Writes a rows x cols int64 dataset from row-major `values`.
  void write_dataset_2d(std::string_view name, std::span<const std::int64_t> values,
                        std::size_t rows, std::size_t cols,
                        const Attributes& attributes = {}) const;
  /// Writes a snapshot or territory column as a 1-D dataset named after it, with a unit attribute.
  void write_column(const core::SnapshotColumn& column) const;

private:
  friend class RunFileWriter;
  friend class RunWriter;
  [[nodiscard]] const detail::FileState& state() const noexcept { return *state_; }
  [[nodiscard]] const std::shared_ptr<detail::FileState>& shared_state() const noexcept {
    return state_;
  }
  GroupWriter(std::shared_ptr<detail::FileState> state, std::string path);
  template <class T>
  void write_numeric(std::string_view name, std::span<const T> values, std::size_t rows,
                     std::size_t cols, bool two_dimensional, const Attributes& attributes) const;

  std::shared_ptr<detail::FileState> state_;
  std::string path_;
};

} // namespace ptcesim::io
