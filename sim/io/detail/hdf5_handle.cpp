#include "sim/io/detail/hdf5_handle.hpp"

#include "sim/io/errors.hpp"

#include <fmt/format.h>

namespace ptcesim::io::detail {

void silence_hdf5_errors() noexcept {
  // HDF5's exit handler closes files left open, and crashes on a file whose close already failed
  // (a full disk): files are closed by their handles, so the handler is not needed. Only the
  // first call, before HDF5 starts, has an effect.
  H5dont_atexit();
  // HDF5 1.10 is built without thread safety here, so the automatic printer is global state.
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

namespace {

herr_t keep_innermost(unsigned /*depth*/, const H5E_error2_t* error, void* out) {
  // Walking downward visits the API call first and the lowest-level cause last.
  if (error->desc != nullptr && error->desc[0] != '\0')
    *static_cast<std::string*>(out) = error->desc;
  return 0;
}

std::string hdf5_error_detail() {
  std::string detail;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_DOWNWARD, keep_innermost, &detail);
  H5Eclear2(H5E_DEFAULT);
  // A failed system call is described with a dump of its arguments; the system's own message
  // ("No space left on device", "File too large") is what a user needs.
  constexpr std::string_view system_message = "error message = '";
  if (const auto at = detail.find(system_message); at != std::string::npos) {
    const auto begin = at + system_message.size();
    const auto end = detail.find('\'', begin);
    if (end != std::string::npos)
      detail = detail.substr(begin, end - begin);
  }
  for (auto& c : detail)
    if (c == '\n')
      c = ' ';
  return detail;
}

} // namespace

void fail_plain(const Location& at, std::string_view what) {
  throw OutputError(fmt::format("{}: {}: {}", at.file, at.object, what));
}

void fail(const Location& at, std::string_view what) {
  const auto detail = hdf5_error_detail();
  if (detail.empty())
    fail_plain(at, what);
  throw OutputError(fmt::format("{}: {}: {} ({})", at.file, at.object, what, detail));
}

hid_t check_id(hid_t id, const Location& at, std::string_view what) {
  if (id < 0)
    fail(at, what);
  return id;
}

void check_status(herr_t status, const Location& at, std::string_view what) {
  if (status < 0)
    fail(at, what);
}

DatatypeHandle utf8_string_type(const Location& at) {
  DatatypeHandle type{check_id(H5Tcopy(H5T_C_S1), at, "copy string type")};
  check_status(H5Tset_size(type.get(), H5T_VARIABLE), at, "make string type variable-length");
  check_status(H5Tset_cset(type.get(), H5T_CSET_UTF8), at, "make string type UTF-8");
  return type;
}

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> parts;
  std::size_t begin = 0;
  while (begin <= path.size()) {
    const auto end = std::min(path.find('/', begin), path.size());
    if (end > begin)
      parts.emplace_back(path.substr(begin, end - begin));
    begin = end + 1;
  }
  return parts;
}

std::string join_path(std::string_view group, std::string_view name) {
  std::string joined = normalize_path(group);
  if (joined != "/")
    joined += '/';
  joined += name;
  return joined;
}

std::string normalize_path(std::string_view path) {
  std::string normal;
  for (const auto& part : split_path(path))
    normal += '/' + part;
  return normal.empty() ? std::string("/") : normal;
}

bool path_exists(hid_t file, std::string_view path) {
  std::string prefix;
  for (const auto& part : split_path(path)) {
    prefix += '/' + part;
    const htri_t exists = H5Lexists(file, prefix.c_str(), H5P_DEFAULT);
    if (exists <= 0) {
      H5Eclear2(H5E_DEFAULT);
      return false;
    }
  }
  return true;
}

} // namespace ptcesim::io::detail
