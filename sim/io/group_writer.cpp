#include "sim/io/group_writer.hpp"

#include "sim/io/detail/file_state.hpp"
#include "sim/io/errors.hpp"

#include <algorithm>
#include <array>
#include <fmt/format.h>

namespace ptcesim::io {

namespace detail {

hid_t FileState::id(std::string_view object) const {
  if (!file.valid())
    fail_plain(at(object), "the file is already finished or abandoned");
  return file.get();
}

GroupHandle ensure_group(const FileState& state, std::string_view path) {
  const hid_t file = state.id(path);
  GroupHandle group{check_id(H5Gopen2(file, "/", H5P_DEFAULT), state.at("/"), "open root group")};
  std::string current;
  for (const auto& part : split_path(path)) {
    current += '/' + part;
    const auto at = state.at(current);
    const htri_t exists = H5Lexists(group.get(), part.c_str(), H5P_DEFAULT);
    check_status(exists, at, "look up group");
    if (exists > 0) {
      group = GroupHandle{check_id(H5Gopen2(group.get(), part.c_str(), H5P_DEFAULT), at,
                                   "open group (is it a dataset?)")};
      continue;
    }
    PropertyListHandle create{check_id(H5Pcreate(H5P_GROUP_CREATE), at, "create property list")};
    check_status(
        H5Pset_link_creation_order(create.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED), at,
        "track creation order");
    group = GroupHandle{
        check_id(H5Gcreate2(group.get(), part.c_str(), H5P_DEFAULT, create.get(), H5P_DEFAULT), at,
                 "create group")};
  }
  return group;
}

void write_attribute(hid_t object, const Location& at, std::string_view name,
                     const AttributeValue& value) {
  const std::string key(name);
  const auto what = [&](std::string_view verb) {
    return fmt::format("{} attribute '{}'", verb, key);
  };
  const htri_t exists = H5Aexists(object, key.c_str());
  check_status(exists, at, what("look up"));
  if (exists > 0)
    check_status(H5Adelete(object, key.c_str()), at, what("replace"));
  DataspaceHandle scalar{check_id(H5Screate(H5S_SCALAR), at, what("create dataspace for"))};
  std::visit(
      [&](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::string>) {
          const auto type = utf8_string_type(at);
          AttributeHandle attribute{check_id(
              H5Acreate2(object, key.c_str(), type.get(), scalar.get(), H5P_DEFAULT, H5P_DEFAULT),
              at, what("create"))};
          const char* text = v.c_str();
          check_status(H5Awrite(attribute.get(), type.get(), &text), at, what("write"));
        } else {
          const bool integer = std::is_same_v<T, std::int64_t>;
          AttributeHandle attribute{
              check_id(H5Acreate2(object, key.c_str(), integer ? H5T_STD_I64LE : H5T_IEEE_F64LE,
                                  scalar.get(), H5P_DEFAULT, H5P_DEFAULT),
                       at, what("create"))};
          check_status(
              H5Awrite(attribute.get(), integer ? H5T_NATIVE_INT64 : H5T_NATIVE_DOUBLE, &v), at,
              what("write"));
        }
      },
      value.get());
}

DatasetHandle create_dataset(const FileState& state, const std::string& path, hid_t file_type,
                             const DatasetLayout& layout) {
  const auto at = state.at(path);
  static_cast<void>(state.id(path)); // fails clearly once the file is finished
  const auto slash = path.rfind('/');
  const auto parent =
      ensure_group(state, slash == 0 ? "/" : std::string_view(path).substr(0, slash));
  const auto name = path.substr(slash + 1);
  if (name.empty())
    fail_plain(at, "empty dataset name");
  const htri_t exists = H5Lexists(parent.get(), name.c_str(), H5P_DEFAULT);
  check_status(exists, at, "look up dataset");
  if (exists > 0)
    fail_plain(at, "already exists");

  const auto rank = static_cast<int>(layout.dims.size());
  DataspaceHandle space{
      check_id(H5Screate_simple(rank, layout.dims.data(),
                                layout.max_dims.empty() ? nullptr : layout.max_dims.data()),
               at, "create dataspace")};
  PropertyListHandle create{check_id(H5Pcreate(H5P_DATASET_CREATE), at, "create property list")};
  if (!layout.chunk.empty()) {
    check_status(H5Pset_chunk(create.get(), rank, layout.chunk.data()), at, "set chunk shape");
    if (layout.compress) {
      check_status(H5Pset_shuffle(create.get()), at, "enable shuffle filter");
      check_status(H5Pset_deflate(create.get(), 4), at, "enable deflate filter");
    }
  }
  return DatasetHandle{check_id(H5Dcreate2(parent.get(), name.c_str(), file_type, space.get(),
                                           H5P_DEFAULT, create.get(), layout.access),
                                at, "create dataset")};
}

hsize_t chunk_length(hsize_t size) noexcept {
  constexpr hsize_t kElements = 16384; // 128 KiB of float64: good deflate ratio, small reads
  return std::min(size, kElements);
}

namespace {

template <class T>
hid_t file_type_of() {
  if constexpr (std::is_same_v<T, double>)
    return H5T_IEEE_F64LE;
  else
    return H5T_STD_I64LE;
}

template <class T>
hid_t memory_type_of() {
  if constexpr (std::is_same_v<T, double>)
    return H5T_NATIVE_DOUBLE;
  else
    return H5T_NATIVE_INT64;
}

void write_attributes(const FileState& state, const std::string& path,
                      const Attributes& attributes) {
  if (attributes.empty())
    return;
  const auto at = state.at(path);
  ObjectHandle object{check_id(H5Oopen(state.id(path), path.c_str(), H5P_DEFAULT), at, "open")};
  for (const auto& attribute : attributes)
    write_attribute(object.get(), at, attribute.name, attribute.value);
}

} // namespace
} // namespace detail

void AttributeValue::throw_out_of_range() {
  throw OutputError("attribute value does not fit in a signed 64-bit integer");
}

GroupWriter::GroupWriter(std::shared_ptr<detail::FileState> state, std::string path)
    : state_(std::move(state)), path_(detail::normalize_path(path)) {
  // Creating the group eagerly makes a misspelt path fail here, not at the first write.
  static_cast<void>(detail::ensure_group(*state_, path_));
}

GroupWriter GroupWriter::group(std::string_view relative_path) const {
  return GroupWriter(state_, detail::join_path(path_, relative_path));
}

void GroupWriter::set_attribute(std::string_view name, const AttributeValue& value) const {
  const auto group = detail::ensure_group(*state_, path_);
  detail::write_attribute(group.get(), state_->at(path_), name, value);
}

template <class T>
void GroupWriter::write_numeric(std::string_view name, std::span<const T> values, std::size_t rows,
                                std::size_t cols, bool two_dimensional,
                                const Attributes& attributes) const {
  const auto path = detail::join_path(path_, name);
  const auto at = state_->at(path);
  if (values.size() != rows * cols)
    detail::fail_plain(at,
                       fmt::format("{} values for a {} x {} dataset", values.size(), rows, cols));
  std::array<hsize_t, 2> dims{};
  std::array<hsize_t, 2> chunk{};
  std::size_t rank = 1;
  if (two_dimensional) {
    rank = 2;
    dims = {rows, cols};
    chunk[1] = detail::chunk_length(cols);
    chunk[0] = std::min<hsize_t>(rows, std::max<hsize_t>(1, detail::chunk_length(rows * cols) /
                                                                std::max<hsize_t>(1, chunk[1])));
  } else {
    dims[0] = values.size();
    chunk[0] = detail::chunk_length(values.size());
  }
  const bool chunked = state_->compress && !values.empty();
  detail::DatasetLayout layout;
  layout.dims = std::span<const hsize_t>(dims.data(), rank);
  if (chunked)
    layout.chunk = std::span<const hsize_t>(chunk.data(), rank);
  layout.compress = chunked;
  const auto dataset = detail::create_dataset(*state_, path, detail::file_type_of<T>(), layout);
  if (!values.empty())
    detail::check_status(H5Dwrite(dataset.get(), detail::memory_type_of<T>(), H5S_ALL, H5S_ALL,
                                  H5P_DEFAULT, values.data()),
                         at, "write dataset");
  detail::write_attributes(*state_, path, attributes);
}

void GroupWriter::write_dataset(std::string_view name, std::span<const double> values,
                                const Attributes& attributes) const {
  write_numeric(name, values, values.size(), 1, false, attributes);
}

void GroupWriter::write_dataset(std::string_view name, std::span<const std::int64_t> values,
                                const Attributes& attributes) const {
  write_numeric(name, values, values.size(), 1, false, attributes);
}

void GroupWriter::write_dataset_2d(std::string_view name, std::span<const double> values,
                                   std::size_t rows, std::size_t cols,
                                   const Attributes& attributes) const {
  write_numeric(name, values, rows, cols, true, attributes);
}

void GroupWriter::write_dataset_2d(std::string_view name, std::span<const std::int64_t> values,
                                   std::size_t rows, std::size_t cols,
                                   const Attributes& attributes) const {
  write_numeric(name, values, rows, cols, true, attributes);
}

void GroupWriter::write_dataset(std::string_view name, const std::vector<std::string>& values,
                                const Attributes& attributes) const {
  const auto path = detail::join_path(path_, name);
  const auto at = state_->at(path);
  const std::array<hsize_t, 1> dims{values.size()};
  const std::array<hsize_t, 1> chunk{detail::chunk_length(values.size())};
  const bool chunked = state_->compress && !values.empty();
  detail::DatasetLayout layout;
  layout.dims = dims;
  if (chunked)
    layout.chunk = chunk;
  layout.compress = chunked;
  const auto type = detail::utf8_string_type(at);
  const auto dataset = detail::create_dataset(*state_, path, type.get(), layout);
  std::vector<const char*> pointers;
  pointers.reserve(values.size());
  for (const auto& value : values)
    pointers.push_back(value.c_str());
  if (!values.empty())
    detail::check_status(
        H5Dwrite(dataset.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()), at,
        "write dataset");
  detail::write_attributes(*state_, path, attributes);
}

void GroupWriter::write_column(const core::SnapshotColumn& column) const {
  std::visit(
      [&](const auto& values) {
        using Element = typename std::decay_t<decltype(values)>::value_type;
        write_dataset(column.name, std::span<const Element>(values), {{"unit", column.unit}});
      },
      column.data);
}

} // namespace ptcesim::io
