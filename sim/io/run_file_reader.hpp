#pragma once
// Reading ptcesim output files (run files, comparison files): used by tests, `label --from`
// and the comparison summary. Errors name the file and the object, e.g.
// "results.h5: /series/employment_total: no such dataset".
//
// Not thread-safe: HDF5 is built without thread safety, so all file access uses one thread.
#include "sim/io/errors.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ptcesim::io {

/// A dataset read into memory: its shape and its values in row-major order.
template <class T>
struct Array {
  std::vector<std::size_t> shape;
  std::vector<T> values;

  /// Element (row, col) of a 2-D array.
  [[nodiscard]] const T& at(std::size_t row, std::size_t col) const {
    return values.at(row * shape.at(1) + col);
  }
};

/// An open, read-only ptcesim output file.
class RunFileReader {
public:
  /// Opens `path`; throws OutputError if it does not exist, is not HDF5, or has no
  /// ptcesim_version attribute on its root (not written by ptcesim).
  explicit RunFileReader(const std::filesystem::path& path);
  ~RunFileReader();
  RunFileReader(RunFileReader&&) noexcept;
  RunFileReader& operator=(RunFileReader&&) noexcept;
  RunFileReader(const RunFileReader&) = delete;
  RunFileReader& operator=(const RunFileReader&) = delete;

  /// The path as given to the constructor.
  [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }

  /// True if a group or dataset exists at absolute `object_path`.
  [[nodiscard]] bool exists(std::string_view object_path) const;
  /// True if `object_path` is a group.
  [[nodiscard]] bool is_group(std::string_view object_path) const;
  /// True if `object_path` is a dataset.
  [[nodiscard]] bool is_dataset(std::string_view object_path) const;

  /// Names of the child groups of `group_path`, in creation order when the file tracks it
  /// (files written by ptcesim do), otherwise in name order.
  [[nodiscard]] std::vector<std::string> groups(std::string_view group_path = "/") const;
  /// Names of the datasets in `group_path`, ordered as groups().
  [[nodiscard]] std::vector<std::string> datasets(std::string_view group_path = "/") const;

  /// Names of the attributes of a group or dataset, in name order.
  [[nodiscard]] std::vector<std::string> attribute_names(std::string_view object_path) const;
  /// True if `object_path` has attribute `name`.
  [[nodiscard]] bool has_attribute(std::string_view object_path, std::string_view name) const;
  /// A string attribute (variable- or fixed-length).
  [[nodiscard]] std::string attribute_string(std::string_view object_path,
                                             std::string_view name) const;
  /// An integer attribute, as int64.
  [[nodiscard]] std::int64_t attribute_int(std::string_view object_path,
                                           std::string_view name) const;
  /// A floating-point attribute, as double.
  [[nodiscard]] double attribute_double(std::string_view object_path, std::string_view name) const;

  /// The shape of a dataset.
  [[nodiscard]] std::vector<std::size_t> shape(std::string_view dataset_path) const;
  /// A floating-point dataset of any rank, as float64.
  [[nodiscard]] Array<double> read_double(std::string_view dataset_path) const;
  /// An integer dataset of any rank, as int64.
  [[nodiscard]] Array<std::int64_t> read_int64(std::string_view dataset_path) const;
  /// A 1-D string dataset.
  [[nodiscard]] std::vector<std::string> read_strings(std::string_view dataset_path) const;

private:
  struct Impl;
  std::filesystem::path path_;
  std::unique_ptr<Impl> impl_;
};

} // namespace ptcesim::io
