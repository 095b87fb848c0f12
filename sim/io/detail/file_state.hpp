#pragma once
// Internal to sim/io: the open file shared by RunFileWriter and every GroupWriter/RunWriter
// derived from it, and the creation helpers they share.
#include "sim/io/detail/hdf5_handle.hpp"
#include "sim/io/group_writer.hpp"

#include <span>
#include <string>
#include <string_view>

namespace ptcesim::io::detail {

/// An output file being written.
struct FileState {
  std::string name; // the final path as the user gave it, for messages
  FileHandle file;
  bool compress = true;

  [[nodiscard]] Location at(std::string_view object) const noexcept { return {name, object}; }
  /// The file identifier; fails if the file was already finished or abandoned.
  [[nodiscard]] hid_t id(std::string_view object) const;
};

/// Opens the group at absolute `path`, creating it and any missing parents (creation order
/// tracked, so readers list children in the order the model wrote them).
[[nodiscard]] GroupHandle ensure_group(const FileState& state, std::string_view path);

/// Sets or replaces attribute `name` on the open object `object` (a group or a dataset).
void write_attribute(hid_t object, const Location& at, std::string_view name,
                     const AttributeValue& value);

/// Shape and storage of a dataset to create. Empty `chunk` means contiguous storage.
struct DatasetLayout {
  std::span<const hsize_t> dims;
  std::span<const hsize_t> max_dims; // empty: same as dims
  std::span<const hsize_t> chunk;    // empty: contiguous, never compressed
  bool compress = false;             // shuffle + deflate(4), chunked datasets only
  hid_t access = H5P_DEFAULT;        // dataset access property list (chunk cache)
};

/// Creates the dataset at absolute `path` (its parent group is created if missing); fails with
/// "already exists" rather than HDF5's generic message when the name is taken.
[[nodiscard]] DatasetHandle create_dataset(const FileState& state, const std::string& path,
                                           hid_t file_type, const DatasetLayout& layout);

/// Chunk length for a 1-D dataset of `size` elements: about 128 KiB of float64.
[[nodiscard]] hsize_t chunk_length(hsize_t size) noexcept;

} // namespace ptcesim::io::detail
