#include "sim/io/run_file_reader.hpp"

#include "sim/io/detail/hdf5_handle.hpp"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fmt/format.h>
#include <system_error>

namespace ptcesim::io {

namespace {

enum class Kind { any, group, dataset };

std::string_view kind_name(Kind kind) {
  switch (kind) {
  case Kind::group:
    return "group";
  case Kind::dataset:
    return "dataset";
  case Kind::any:
    break;
  }
  return "object";
}

std::string_view class_name(H5T_class_t type_class) {
  switch (type_class) {
  case H5T_INTEGER:
    return "integer";
  case H5T_FLOAT:
    return "floating-point";
  case H5T_STRING:
    return "string";
  default:
    return "non-numeric";
  }
}

herr_t collect_link(hid_t /*group*/, const char* name, const H5L_info_t* /*info*/, void* out) {
  static_cast<std::vector<std::string>*>(out)->emplace_back(name);
  return 0;
}

herr_t collect_attribute(hid_t /*object*/, const char* name, const H5A_info_t* /*info*/,
                         void* out) {
  static_cast<std::vector<std::string>*>(out)->emplace_back(name);
  return 0;
}

// Copies fixed-length strings (each `width` bytes, NUL-padded or NUL-terminated) out of `raw`.
std::string fixed_string(const char* raw, std::size_t width) {
  std::size_t length = 0;
  while (length < width && raw[length] != '\0')
    ++length;
  return std::string(raw, length);
}

} // namespace

struct RunFileReader::Impl {
  std::string file_name;
  std::uintmax_t file_bytes = 0;
  detail::FileHandle file;

  // Elements × bytes a dataset claims, refused before any allocation when this file could not
  // hold them: deflate, the one filter our writers use, compresses at most 1032:1, so a claim
  // above 1100 bytes per byte of file is a damaged or forged header, not data (a fuzzer's
  // 10 kB file asked for gigabytes).
  [[nodiscard]] std::size_t plausible_count(const std::vector<std::size_t>& shape,
                                            std::size_t element_bytes,
                                            const std::string& path) const {
    constexpr std::uintmax_t kMaxExpansion = 1100;
    const std::uintmax_t limit = kMaxExpansion * std::max<std::uintmax_t>(file_bytes, 4096);
    std::uintmax_t count = 1;
    for (const auto extent : shape) {
      if (extent != 0 && count > limit / extent)
        count = limit + 1; // the product overflows the limit
      else
        count *= extent;
    }
    if (count > limit / std::max<std::size_t>(element_bytes, 1))
      detail::fail_plain(at(path), fmt::format("claims more data than a file of {} bytes can hold "
                                               "(over {} bytes): the file is damaged",
                                               file_bytes, limit));
    return static_cast<std::size_t>(count);
  }

  [[nodiscard]] detail::Location at(std::string_view object) const noexcept {
    return {file_name, object};
  }

  // Opens the object at `path` and checks its kind; errors say what was expected.
  [[nodiscard]] detail::ObjectHandle open(const std::string& path, Kind kind) const {
    const auto where = at(path);
    if (!detail::path_exists(file.get(), path))
      detail::fail_plain(where, fmt::format("no such {}", kind_name(kind)));
    detail::ObjectHandle object{
        detail::check_id(H5Oopen(file.get(), path.c_str(), H5P_DEFAULT), where, "open")};
    const auto type = H5Iget_type(object.get());
    const auto actual = type == H5I_GROUP     ? Kind::group
                        : type == H5I_DATASET ? Kind::dataset
                                              : Kind::any;
    if (kind != Kind::any && actual != kind)
      detail::fail_plain(where,
                         fmt::format("is a {}, not a {}", kind_name(actual), kind_name(kind)));
    return object;
  }

  [[nodiscard]] std::vector<std::string> children(std::string_view group_path, Kind kind) const {
    const auto path = detail::normalize_path(group_path);
    const auto where = at(path);
    const auto group = open(path, Kind::group);
    detail::PropertyListHandle create{
        detail::check_id(H5Gget_create_plist(group.get()), where, "get group properties")};
    unsigned order_flags = 0;
    detail::check_status(H5Pget_link_creation_order(create.get(), &order_flags), where,
                         "get creation order");
    const auto index =
        (order_flags & H5P_CRT_ORDER_INDEXED) != 0 ? H5_INDEX_CRT_ORDER : H5_INDEX_NAME;
    std::vector<std::string> names;
    detail::check_status(H5Literate(group.get(), index, H5_ITER_INC, nullptr, collect_link, &names),
                         where, "list group");
    std::vector<std::string> selected;
    for (auto& child : names) {
      const auto child_path = detail::join_path(path, child);
      detail::ObjectHandle object{detail::check_id(H5Oopen(group.get(), child.c_str(), H5P_DEFAULT),
                                                   at(child_path), "open")};
      const auto type = H5Iget_type(object.get());
      if ((kind == Kind::group && type == H5I_GROUP) ||
          (kind == Kind::dataset && type == H5I_DATASET))
        selected.push_back(std::move(child));
    }
    return selected;
  }

  // Opens attribute `name` of `object_path` and checks that it is a scalar of `expected` class.
  [[nodiscard]] detail::AttributeHandle
  attribute(std::string_view object_path, std::string_view name, H5T_class_t expected) const {
    const auto path = detail::normalize_path(object_path);
    const auto where = at(path);
    const auto object = open(path, Kind::any);
    const std::string key(name);
    const htri_t exists = H5Aexists(object.get(), key.c_str());
    detail::check_status(exists, where, fmt::format("look up attribute '{}'", key));
    if (exists == 0)
      detail::fail_plain(where, fmt::format("no attribute '{}'", key));
    detail::AttributeHandle attribute{
        detail::check_id(H5Aopen(object.get(), key.c_str(), H5P_DEFAULT), where,
                         fmt::format("open attribute '{}'", key))};
    detail::DatatypeHandle type{detail::check_id(H5Aget_type(attribute.get()), where,
                                                 fmt::format("get type of attribute '{}'", key))};
    const auto actual = H5Tget_class(type.get());
    if (actual != expected)
      detail::fail_plain(where, fmt::format("attribute '{}' is {}, not {}", key, class_name(actual),
                                            class_name(expected)));
    detail::DataspaceHandle space{detail::check_id(
        H5Aget_space(attribute.get()), where, fmt::format("get shape of attribute '{}'", key))};
    if (H5Sget_simple_extent_npoints(space.get()) != 1)
      detail::fail_plain(where, fmt::format("attribute '{}' is not a single value", key));
    return attribute;
  }

  // Opens a dataset and checks its element class.
  [[nodiscard]] detail::ObjectHandle dataset(const std::string& path, H5T_class_t expected) const {
    auto object = open(path, Kind::dataset);
    const auto where = at(path);
    detail::DatatypeHandle type{
        detail::check_id(H5Dget_type(object.get()), where, "get dataset type")};
    const auto actual = H5Tget_class(type.get());
    if (actual != expected)
      detail::fail_plain(
          where, fmt::format("is a {} dataset, not {}", class_name(actual), class_name(expected)));
    return object;
  }

  [[nodiscard]] std::vector<std::size_t> dims(hid_t dataset, const std::string& path) const {
    const auto where = at(path);
    detail::DataspaceHandle space{
        detail::check_id(H5Dget_space(dataset), where, "get dataset shape")};
    const int rank = H5Sget_simple_extent_ndims(space.get());
    detail::check_status(rank, where, "get dataset rank");
    std::vector<hsize_t> raw(static_cast<std::size_t>(rank));
    detail::check_status(H5Sget_simple_extent_dims(space.get(), raw.data(), nullptr), where,
                         "get dataset shape");
    return {raw.begin(), raw.end()};
  }

  template <class T>
  [[nodiscard]] Array<T> read_numeric(std::string_view dataset_path, H5T_class_t expected,
                                      hid_t memory_type) const {
    const auto path = detail::normalize_path(dataset_path);
    const auto object = dataset(path, expected);
    Array<T> array;
    array.shape = dims(object.get(), path);
    const std::size_t count = plausible_count(array.shape, sizeof(T), path);
    array.values.resize(count);
    if (count > 0)
      detail::check_status(
          H5Dread(object.get(), memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, array.values.data()),
          at(path), "read dataset");
    return array;
  }
};

RunFileReader::RunFileReader(const std::filesystem::path& path)
    : path_(path), impl_(std::make_unique<Impl>()) {
  detail::silence_hdf5_errors();
  impl_->file_name = path.string();
  const detail::Location file_at{impl_->file_name, "/"};
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error))
    throw OutputError(fmt::format("{}: no such file", impl_->file_name));
  const htri_t is_hdf5 = H5Fis_hdf5(path.c_str());
  if (is_hdf5 == 0)
    throw OutputError(fmt::format("{}: not an HDF5 file", impl_->file_name));
  detail::check_status(is_hdf5, file_at, "cannot read file");
  impl_->file_bytes = std::filesystem::file_size(path, error);
  impl_->file = detail::FileHandle{
      detail::check_id(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), file_at, "open")};
  if (!has_attribute("/", "ptcesim_version"))
    throw OutputError(
        fmt::format("{}: not a ptcesim output file (no ptcesim_version attribute on the root)",
                    impl_->file_name));
}

RunFileReader::~RunFileReader() = default;
RunFileReader::RunFileReader(RunFileReader&&) noexcept = default;
RunFileReader& RunFileReader::operator=(RunFileReader&&) noexcept = default;

bool RunFileReader::exists(std::string_view object_path) const {
  return detail::path_exists(impl_->file.get(), detail::normalize_path(object_path));
}

bool RunFileReader::is_group(std::string_view object_path) const {
  const auto path = detail::normalize_path(object_path);
  if (!exists(path))
    return false;
  return H5Iget_type(impl_->open(path, Kind::any).get()) == H5I_GROUP;
}

bool RunFileReader::is_dataset(std::string_view object_path) const {
  const auto path = detail::normalize_path(object_path);
  if (!exists(path))
    return false;
  return H5Iget_type(impl_->open(path, Kind::any).get()) == H5I_DATASET;
}

std::vector<std::string> RunFileReader::groups(std::string_view group_path) const {
  return impl_->children(group_path, Kind::group);
}

std::vector<std::string> RunFileReader::datasets(std::string_view group_path) const {
  return impl_->children(group_path, Kind::dataset);
}

std::vector<std::string> RunFileReader::attribute_names(std::string_view object_path) const {
  const auto path = detail::normalize_path(object_path);
  const auto object = impl_->open(path, Kind::any);
  std::vector<std::string> names;
  detail::check_status(
      H5Aiterate2(object.get(), H5_INDEX_NAME, H5_ITER_INC, nullptr, collect_attribute, &names),
      impl_->at(path), "list attributes");
  return names;
}

bool RunFileReader::has_attribute(std::string_view object_path, std::string_view name) const {
  const auto path = detail::normalize_path(object_path);
  const auto object = impl_->open(path, Kind::any);
  const std::string key(name);
  const htri_t exists = H5Aexists(object.get(), key.c_str());
  detail::check_status(exists, impl_->at(path), fmt::format("look up attribute '{}'", key));
  return exists > 0;
}

std::string RunFileReader::attribute_string(std::string_view object_path,
                                            std::string_view name) const {
  const auto path = detail::normalize_path(object_path);
  const auto where = impl_->at(path);
  const auto what = fmt::format("read attribute '{}'", name);
  const auto attribute = impl_->attribute(path, name, H5T_STRING);
  detail::DatatypeHandle file_type{detail::check_id(H5Aget_type(attribute.get()), where, what)};
  detail::DatatypeHandle memory_type{detail::check_id(H5Tcopy(H5T_C_S1), where, what)};
  detail::check_status(H5Tset_cset(memory_type.get(), H5Tget_cset(file_type.get())), where, what);
  if (H5Tis_variable_str(file_type.get()) > 0) {
    detail::check_status(H5Tset_size(memory_type.get(), H5T_VARIABLE), where, what);
    char* text = nullptr;
    detail::check_status(H5Aread(attribute.get(), memory_type.get(), &text), where, what);
    std::string value = text != nullptr ? text : "";
    H5free_memory(text);
    return value;
  }
  const auto width = impl_->plausible_count({H5Tget_size(file_type.get())}, 1, path);
  detail::check_status(H5Tset_size(memory_type.get(), width), where, what);
  std::string raw(width, '\0');
  detail::check_status(H5Aread(attribute.get(), memory_type.get(), raw.data()), where, what);
  return fixed_string(raw.data(), width);
}

std::int64_t RunFileReader::attribute_int(std::string_view object_path,
                                          std::string_view name) const {
  const auto path = detail::normalize_path(object_path);
  const auto attribute = impl_->attribute(path, name, H5T_INTEGER);
  std::int64_t value = 0;
  detail::check_status(H5Aread(attribute.get(), H5T_NATIVE_INT64, &value), impl_->at(path),
                       fmt::format("read attribute '{}'", name));
  return value;
}

double RunFileReader::attribute_double(std::string_view object_path, std::string_view name) const {
  const auto path = detail::normalize_path(object_path);
  const auto attribute = impl_->attribute(path, name, H5T_FLOAT);
  double value = 0.0;
  detail::check_status(H5Aread(attribute.get(), H5T_NATIVE_DOUBLE, &value), impl_->at(path),
                       fmt::format("read attribute '{}'", name));
  return value;
}

std::vector<std::size_t> RunFileReader::shape(std::string_view dataset_path) const {
  const auto path = detail::normalize_path(dataset_path);
  return impl_->dims(impl_->open(path, Kind::dataset).get(), path);
}

Array<double> RunFileReader::read_double(std::string_view dataset_path) const {
  return impl_->read_numeric<double>(dataset_path, H5T_FLOAT, H5T_NATIVE_DOUBLE);
}

Array<std::int64_t> RunFileReader::read_int64(std::string_view dataset_path) const {
  return impl_->read_numeric<std::int64_t>(dataset_path, H5T_INTEGER, H5T_NATIVE_INT64);
}

std::vector<std::string> RunFileReader::read_strings(std::string_view dataset_path) const {
  const auto path = detail::normalize_path(dataset_path);
  const auto where = impl_->at(path);
  const auto object = impl_->dataset(path, H5T_STRING);
  const auto shape = impl_->dims(object.get(), path);
  if (shape.size() != 1)
    detail::fail_plain(where, fmt::format("is a {}-D string dataset, expected 1-D", shape.size()));
  detail::DatatypeHandle file_type{
      detail::check_id(H5Dget_type(object.get()), where, "get dataset type")};
  const bool variable = H5Tis_variable_str(file_type.get()) > 0;
  const auto count = impl_->plausible_count(
      shape, variable ? sizeof(char*) : std::max<std::size_t>(H5Tget_size(file_type.get()), 1),
      path);
  std::vector<std::string> values;
  if (count == 0)
    return values;
  values.reserve(count);
  detail::DatatypeHandle memory_type{
      detail::check_id(H5Tcopy(H5T_C_S1), where, "copy string type")};
  detail::check_status(H5Tset_cset(memory_type.get(), H5Tget_cset(file_type.get())), where,
                       "set string encoding");
  if (variable) {
    detail::check_status(H5Tset_size(memory_type.get(), H5T_VARIABLE), where, "set string size");
    std::vector<char*> pointers(count, nullptr);
    detail::check_status(
        H5Dread(object.get(), memory_type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()),
        where, "read dataset");
    for (const char* text : pointers)
      values.emplace_back(text != nullptr ? text : "");
    detail::DataspaceHandle space{
        detail::check_id(H5Dget_space(object.get()), where, "get dataset shape")};
    H5Dvlen_reclaim(memory_type.get(), space.get(), H5P_DEFAULT, pointers.data());
    return values;
  }
  const auto width = H5Tget_size(file_type.get());
  detail::check_status(H5Tset_size(memory_type.get(), width), where, "set string size");
  std::vector<char> raw(width * count);
  detail::check_status(
      H5Dread(object.get(), memory_type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, raw.data()), where,
      "read dataset");
  for (std::size_t i = 0; i < count; ++i)
    values.push_back(fixed_string(raw.data() + i * width, width));
  return values;
}

} // namespace ptcesim::io
